package dev.promptspec.junit;

import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CompiledPrompt;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One {@code testData} entry: a test. {@link RunExecution} runs it and reports it; this is what IDEs and reports show of it. */
final class PromptCaseDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "case";
    private static final int SUMMARY_CHARS = 60;

    private final CompiledPrompt prompt;
    private final TestCase testCase;

    PromptCaseDescriptor(UniqueId uniqueId, CompiledPrompt prompt, TestCase testCase) {
        super(uniqueId, displayName(testCase), Sources.ofCase(prompt.source(), testCase));
        this.prompt = prompt;
        this.testCase = testCase;
    }

    /** The entry's name or description, else {@code #n} and a glimpse of its variables. */
    static String displayName(TestCase tc) {
        if (tc.name() != null && !tc.name().isBlank()) {
            return tc.key();
        }
        if (tc.description() != null && !tc.description().isBlank()) {
            return tc.description();
        }
        StringBuilder sb = new StringBuilder("#").append(tc.index());
        int budget = SUMMARY_CHARS;
        for (Map.Entry<String, String> v : tc.variables().entrySet()) {
            if (budget <= 0) {
                sb.append(" …");
                break;
            }
            String value = glimpse(v.getValue(), budget);
            sb.append(' ').append(v.getKey()).append("=\"").append(value).append('"');
            budget -= value.length() + v.getKey().length();
        }
        return sb.toString();
    }

    /**
     * What {@code value.replaceAll("\\s+", " ").trim()} cut to {@code budget} characters (with "…" when longer) would
     * be, reading only as much of the value as is shown, and compiling no pattern.
     */
    static String glimpse(String value, int budget) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), budget + 1));
        StringBuilder pending = new StringBuilder(); // control characters and spaces after the last visible character
        boolean inSpaces = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                out.append(pending).append(c);
                pending.setLength(0);
                inSpaces = false;
                if (out.length() > budget) {
                    out.setLength(budget);
                    return out.append('…').toString();
                }
            } else if (out.length() > 0) { // before the first visible character, trim() drops it
                boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
                if (!space) {
                    pending.append(c);
                } else if (!inSpaces) {
                    pending.append(' ');
                }
                inSpaces = space;
            }
        }
        return out.toString(); // what is left pending is trailing: trim() drops it
    }

    CompiledPrompt prompt() {
        return prompt;
    }

    TestCase testCase() {
        return testCase;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        Set<String> names = new LinkedHashSet<>(testCase.tags());
        prompt.file().ifPresent(f -> names.addAll(f.tags()));
        return Tags.of(names);
    }

    @Override
    public String getLegacyReportingName() {
        String file = prompt.source().name();
        return file.substring(file.lastIndexOf('/') + 1) + ": " + getDisplayName();
    }

    /** The {@code @PromptSpec} class this case's file was selected through, if any. */
    Optional<PromptClassDescriptor> owner() {
        for (Optional<TestDescriptor> d = getParent(); d.isPresent(); d = d.get().getParent()) {
            if (d.get() instanceof PromptClassDescriptor c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
