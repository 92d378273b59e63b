package dev.promptspec.bench.cold;

import dev.promptspec.testing.FakeOpenAiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a project with N test cases in prompt files of up to {@code casesPerFile} cases each, under
 * {@code src/test/resources/prompts/}, and answers them as a model following the prompts would.
 *
 * <p>Three kinds of file take turns, each with a realistic system prompt (about 500 characters), a user message with
 * the case's variables (200 to 400 characters), answers of 300 to 600 characters, and three cheap evaluators per
 * case (string, regex, length or string): refund replies, ticket triage, release notes. Every answer
 * {@link #responder() the responder} gives passes every evaluator, so a run where a case fails says something about
 * the engine, never about the fixture.
 */
final class SuiteGenerator {

    static final String PROMPTS = "src/test/resources/prompts";

    private static final String[] FIRST = {"Dana", "Ravi", "Mei", "Jonas", "Amara", "Luis", "Ingrid", "Tomasz", "Aiko", "Kwame",
        "Sofia", "Henrik", "Priya", "Mateo", "Yusuf", "Chloe"};
    private static final String[] LAST = {"Whitfield", "Raman", "Chen", "Becker", "Okafor", "Fernández", "Lund", "Nowak", "Sato",
        "Mensah", "Rossi", "Dahl", "Iyer", "García", "Demir", "Martin"};
    private static final String[] ITEMS = {"the two-person tent", "a pair of hiking boots (size 43)", "the down sleeping bag",
        "a 45-litre backpack", "the trekking poles", "a rain jacket in navy", "the camping stove", "two merino base layers"};
    private static final String[] REASONS = {"It arrived with a broken pole.", "They were a size too small.",
        "The zip stopped working after one night.", "I ordered the wrong colour.", "It was a duplicate order.",
        "The seams leak in the rain."};
    private static final String[][] TICKETS = {
        {"billing", "My March invoice charges 20% VAT, but our contract says 7%. Please send a corrected invoice before the"
            + " end of the month, our accounts department will not pay the current one."},
        {"billing", "We were charged twice for the annual renewal on the 3rd, 348 USD each time. I emailed billing four days"
            + " ago and nobody has answered yet. Please refund the duplicate charge."},
        {"incident", "The dashboard answers HTTP 502 for every user in our company since 09:00 CET. Backups still seem to"
            + " run, but nobody can restore a file or see the status of their laptop."},
        {"incident", "Restores of the file server time out after 30 minutes for the whole Lyon office. The job log says"
            + " 'connection reset by peer' and nothing else; yesterday they worked."},
        {"other", "Could you tell me whether the Pro plan includes backups of external drives? We are planning to buy"
            + " twenty licences next quarter and want to know before we order."},
        {"other", "Is there a way to export the audit log as CSV? Our auditors ask for it every year and copying it from the"
            + " web page takes a whole afternoon."},
    };
    private static final String[] CHANGES = {"Fix a crash when the sync folder is on a network drive",
        "Add dark mode to the settings window", "Speed up the first scan of large folders by 40%",
        "Show the remaining upload time in the tray menu", "Retry uploads after the laptop wakes from sleep",
        "Update the bundled OpenSSL to 3.0.15", "Stop the installer from asking for a restart twice",
        "Translate the restore wizard into Polish and Turkish", "Keep file permissions when restoring on macOS",
        "Make the proxy settings survive an upgrade"};
    private static final String[] PRODUCTS = {"Acme Backup for Windows", "Acme Backup for macOS", "Acme Backup Server"};

    private SuiteGenerator() {
    }

    /** Writes the prompt files of {@code cases} cases into {@code project}; returns their number. */
    static int write(Path project, int cases, int casesPerFile) throws IOException {
        Path dir = project.resolve(PROMPTS);
        Files.createDirectories(dir);
        int files = 0;
        for (int first = 0; first < cases; first += casesPerFile) {
            int n = Math.min(casesPerFile, cases - first);
            String text = switch (files % 3) {
                case 0 -> refunds(files, first, n);
                case 1 -> triage(files, first, n);
                default -> releaseNotes(files, first, n);
            };
            String kind = switch (files % 3) {
                case 0 -> "refund-replies";
                case 1 -> "ticket-triage";
                default -> "release-notes";
            };
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "%s-%03d.prompt.yml", kind, files)), text,
                    StandardCharsets.UTF_8);
            files++;
        }
        return files;
    }

    private static String refunds(int file, int first, int n) {
        StringBuilder sb = new StringBuilder("""
                name: Refund replies %d
                description: Replies to customers who ask where the money for a returned order is.
                model: openai/gpt-4o-mini
                modelParameters:
                  temperature: 0
                  max_tokens: 300
                messages:
                  - role: system
                    content: |
                      You are a support agent for Northwind Outfitters, an online shop for outdoor gear.
                      Answer the customer's question about a refund in a short, friendly email:
                      - Address the customer by first name and repeat their ticket number as "Ticket T-<number>".
                      - Say when the money arrives: refunds reach the card within 5 working days after the
                        warehouse has scanned the return. Give the amount as the customer wrote it.
                      - Never promise anything the refund policy does not say, and never mention internal systems.
                      - Sign as "Northwind Support".
                  - role: user
                    content: |
                      Ticket T-{{ticket}} from {{customer}} (order {{order}}, {{amount}}):
                      {{request}}
                testData:
                """.formatted(file));
        for (int i = first; i < first + n; i++) {
            String customer = FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length];
            sb.append("  - ticket: \"").append(String.format(Locale.ROOT, "%06d", i + 1)).append("\"\n")
                    .append("    customer: ").append(customer).append('\n')
                    .append("    order: NW-").append(40_000 + i * 7).append('\n')
                    .append("    amount: EUR ").append(30 + (i * 37) % 400).append('.').append(String.format(Locale.ROOT, "%02d", (i * 13) % 100)).append('\n')
                    .append("    request: I sent back ").append(ITEMS[i % ITEMS.length]).append(" on ")
                    .append(new String[] {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}[i % 5])
                    .append(". ").append(REASONS[i % REASONS.length])
                    .append(" The tracking page says the parcel was delivered to you, but I have not seen any money yet."
                            + " When will the refund be on my card?\n");
        }
        sb.append("""
                evaluators:
                  - name: repeats the ticket number
                    string: {contains: "Ticket T-{{ticket}}"}
                  - name: says when the money arrives
                    regex: {pattern: 'within \\d+ working days'}
                  - name: short enough for an email
                    length: {maxWords: 150}
                """);
        return sb.toString();
    }

    private static String triage(int file, int first, int n) {
        StringBuilder sb = new StringBuilder("""
                name: Ticket triage %d
                description: Sorts incoming support tickets for the on-call rota.
                model: openai/gpt-4o-mini
                modelParameters:
                  temperature: 0
                  max_tokens: 200
                messages:
                  - role: system
                    content: |
                      You triage support tickets for Acme Backup, a service that backs up company laptops and servers.
                      Start your answer with the category in bold: **billing** (invoices, charges, refunds),
                      **incident** (something that worked no longer works, for one customer or many) or **other**.
                      Then one line "Reason: ..." that quotes the part of the ticket that decided it, and one line
                      "Priority: low|normal|high|urgent": urgent when customer data is at risk or a whole company
                      cannot work, high for money taken in error, normal otherwise, low for questions.
                  - role: user
                    content: "Ticket {{ticketId}} ({{plan}} plan): {{ticket}}"
                testData:
                """.formatted(file));
        for (int i = first; i < first + n; i++) {
            String[] t = TICKETS[i % TICKETS.length];
            sb.append("  - ticketId: \"").append(String.format(Locale.ROOT, "AB-%06d", i + 1)).append("\"\n")
                    .append("    plan: ").append(new String[] {"Pro", "Business", "Starter"}[i % 3]).append('\n')
                    .append("    ticket: \"").append(t[1]).append("\"\n")
                    .append("    category: ").append(t[0]).append('\n');
        }
        sb.append("""
                evaluators:
                  - name: category in bold first
                    regex: '^\\*\\*(billing|incident|other)\\*\\*'
                  - name: the expected category
                    string: {startsWith: "**{{category}}**"}
                  - name: short
                    length: {maxWords: 80, maxLines: 6}
                """);
        return sb.toString();
    }

    private static String releaseNotes(int file, int first, int n) {
        StringBuilder sb = new StringBuilder("""
                name: Release notes %d
                description: Turns the merged pull requests of a release into notes for customers.
                model: openai/gpt-4o-mini
                modelParameters:
                  temperature: 0.2
                  max_tokens: 400
                messages:
                  - role: system
                    content: |
                      You write release notes for customers of Acme Backup. Customers are office managers, not
                      developers: say what changed for them, not how it was done, and leave out purely internal changes.
                      Start with the heading "## Release <version>", then one bullet point ("- ") per change that a
                      customer would notice, most important first, each at most one sentence. No apologies, no
                      marketing language, no mention of pull requests or ticket numbers.
                  - role: user
                    content: |
                      Version {{version}} of {{product}}. Merged pull requests:
                      {{changes}}
                testData:
                """.formatted(file));
        for (int i = first; i < first + n; i++) {
            StringBuilder changes = new StringBuilder();
            for (int c = 0; c < 4; c++) {
                changes.append("#").append(1000 + i * 4 + c).append(' ').append(CHANGES[(i + c * 3) % CHANGES.length]).append("\\n");
            }
            sb.append("  - version: \"").append(4 + i / 1000).append('.').append((i / 10) % 100).append('.').append(i % 10).append("\"\n")
                    .append("    product: ").append(PRODUCTS[i % PRODUCTS.length]).append('\n')
                    .append("    changes: \"").append(changes).append("\"\n");
        }
        sb.append("""
                evaluators:
                  - name: heading first
                    string: {startsWith: "## Release {{version}}"}
                  - name: at least three changes
                    regex: {pattern: '^- ', multiline: true, minMatches: 3}
                  - name: no apologies or disclaimers
                    string: {notContains: ["I'm sorry", "as an AI"]}
                """);
        return sb.toString();
    }

    private static final Pattern REFUND = Pattern.compile("Ticket T-(\\d+) from (\\S+) [^(]*\\(order (\\S+), ([^)]+)\\)");
    private static final Pattern TRIAGE = Pattern.compile("Ticket (AB-\\d+) \\((\\w+) plan\\): (.*)", Pattern.DOTALL);
    private static final Pattern RELEASE = Pattern.compile("Version (\\S+) of ([^.]+)\\.");
    private static final Pattern CHANGE = Pattern.compile("(?m)^#\\d+ (.+)$");

    /** What a model that follows the generated prompts answers (about 300 to 600 characters). */
    static FakeOpenAiServer.Reply answer(FakeOpenAiServer.Received r) {
        String system = r.lastMessage("system");
        String user = r.lastMessage("user");
        if (system == null || user == null) {
            return new FakeOpenAiServer.Status(400, "{\"error\":{\"message\":\"messages must have a system and a user message\"}}");
        }
        Matcher m;
        if (system.startsWith("You are a support agent for Northwind") && (m = REFUND.matcher(user)).find()) {
            return new FakeOpenAiServer.Completion("Hi " + m.group(2) + ",\n\nthank you for getting in touch about order " + m.group(3)
                    + " (Ticket T-" + m.group(1) + "). Our warehouse has received your return, and the refund of " + m.group(4)
                    + " has been approved. It will be back on your card within 5 working days after the return was scanned,"
                    + " so you should see it by the end of next week at the latest.\n\nIf it has not arrived by then, just reply"
                    + " to this email and we will look into it straight away.\n\nBest regards,\nNorthwind Support");
        }
        if (system.startsWith("You triage support tickets") && (m = TRIAGE.matcher(user)).find()) {
            String ticket = m.group(3);
            String category = ticket.contains("VAT") || ticket.contains("charged") ? "billing"
                    : ticket.contains("502") || ticket.contains("time out") ? "incident" : "other";
            String priority = category.equals("incident") ? "urgent" : category.equals("billing") ? "high" : "low";
            String quote = ticket.length() > 90 ? ticket.substring(0, 90).trim() + "..." : ticket;
            return new FakeOpenAiServer.Completion("**" + category + "**\n\nReason: the customer (" + m.group(1) + ", " + m.group(2)
                    + " plan) writes \"" + quote + "\"\nPriority: " + priority);
        }
        if (system.startsWith("You write release notes") && (m = RELEASE.matcher(user)).find()) {
            StringBuilder sb = new StringBuilder("## Release " + m.group(1) + "\n\n");
            Matcher c = CHANGE.matcher(user);
            while (c.find()) {
                sb.append("- ").append(c.group(1)).append(".\n");
            }
            sb.append("\nUpdate ").append(m.group(2)).append(" from the tray menu, or wait for the automatic update this week.");
            return new FakeOpenAiServer.Completion(sb.toString());
        }
        return new FakeOpenAiServer.Status(400, "{\"error\":{\"message\":\"the benchmark's server does not know this prompt\"}}");
    }

    /** Every file the generator wrote, for a report. */
    static List<Path> files(Path project) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(project.resolve(PROMPTS))) {
            s.sorted().forEach(out::add);
        }
        return out;
    }
}
