package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.FencedCodeBlock;

/** Some fenced code block declares a language ({@code ```java}); compared ignoring case. */
record CodeFenceCheck(String language) implements MarkdownCheck {

    @Override
    public String expectation() {
        return "a ```" + language + " code fence";
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<FencedCodeBlock> fences = region.all(FencedCodeBlock.class);
        for (FencedCodeBlock f : fences) {
            if (language(f).equalsIgnoreCase(language.strip())) {
                return Verdict.pass("```" + language(f) + " code fence at line " + Nodes.line(f));
            }
        }
        if (fences.isEmpty()) {
            return Verdict.fail(region.label() + " has no code fence; expected " + expectation());
        }
        List<String> found = fences.stream()
                .map(f -> (language(f).isEmpty() ? "``` without a language" : "```" + language(f)) + " (line " + Nodes.line(f) + ")")
                .toList();
        return Verdict.fail(region.label() + " has no ```" + language + " code fence; fences found: " + String.join(", ", found));
    }

    /** The first word of the info string: {@code ```java title="A.java"} is java. */
    static String language(FencedCodeBlock f) {
        String info = f.getInfo() == null ? "" : f.getInfo().strip();
        int space = info.indexOf(' ');
        return (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    }
}
