package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.config.ReportsLocation;
import dev.promptspec.internal.util.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/** Writes the run's reports into a directory, each file atomically (a reader never sees half a report). */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportWriter {

    public static final String JSON_FILE = "promptspec-report.json";
    public static final String MARKDOWN_FILE = "promptspec-summary.md";
    public static final String HTML_FILE = "promptspec-report.html";
    /** Written in {@code mutate} mode only: every file's and case's mutation score, surviving operators and mutants. */
    public static final String MUTATION_FILE = MutationSection.FILE;

    private ReportWriter() {
    }

    /** @return the files written */
    public static List<Path> write(RunReport report, Path directory, Instant finishedAt) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(JSON_FILE);
        Path md = directory.resolve(MARKDOWN_FILE);
        AtomicFiles.write(json, out -> JsonReport.write(report, finishedAt, out));
        AtomicFiles.write(md, MarkdownSummary.render(report));
        // The page HtmlReport makes of the JSON report just written, without reading it back: the run data from the
        // report without its cases (a few kilobytes), each case's page record as it was made when the case ended.
        Path html = directory.resolve(HTML_FILE);
        AtomicFiles.write(html, out -> {
            RawRecords file = new RawRecords(out);
            HtmlReport.write(new StringReader(JsonReport.skeleton(report, finishedAt)),
                    (fileIndex, cases) -> report.writePageRecords(fileIndex, cases, file), file.writer());
        });
        if (report.mutation().isPresent()) {
            Path mutation = directory.resolve(MUTATION_FILE);
            AtomicFiles.write(mutation, out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                MutationSection.writeFile(report, report.mutation().get(), finishedAt, w);
                w.flush();
            });
            return List.of(json, md, html, mutation);
        }
        return List.of(json, md, html);
    }

    /** The HTML page, made from the JSON report just written: a run's page and a merged report's page are made alike. */
    static Path writeHtml(Path json, Path directory) throws IOException {
        Path html = directory.resolve(HTML_FILE);
        AtomicFiles.write(html, out -> {
            try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                HtmlReport.write(in, w);
                w.flush();
            }
        });
        return html;
    }

    /**
     * Appends the Markdown summary written into {@code directory} to a CI job's summary file (GitHub's
     * {@value ReportsLocation#STEP_SUMMARY_VARIABLE}): appended, since other steps write there too.
     */
    public static void appendSummary(Path directory, Path stepSummary) throws IOException {
        Files.write(stepSummary, Files.readAllBytes(directory.resolve(MARKDOWN_FILE)), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
