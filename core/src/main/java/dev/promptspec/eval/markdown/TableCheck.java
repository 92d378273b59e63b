package dev.promptspec.eval.markdown;

import dev.promptspec.eval.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;

/**
 * Some table has all the given column headers (compared ignoring case and formatting) and at least
 * {@code minRows} body rows.
 */
record TableCheck(List<String> columns, Integer minRows) implements MarkdownCheck {

    TableCheck {
        columns = List.copyOf(columns);
    }

    @Override
    public String expectation() {
        return columns.isEmpty() && minRows == null ? "a table" : "a table with " + requirement();
    }

    /** "columns 'A', 'B' and at least 3 rows" */
    private String requirement() {
        StringBuilder sb = new StringBuilder();
        if (!columns.isEmpty()) {
            sb.append("columns ").append(quoted(columns));
        }
        if (minRows != null) {
            sb.append(columns.isEmpty() ? "" : " and ").append("at least ").append(minRows).append(minRows == 1 ? " row" : " rows");
        }
        return sb.toString();
    }

    @Override
    public Verdict check(MarkdownRegion region) {
        List<TableBlock> tables = region.all(TableBlock.class);
        if (tables.isEmpty()) {
            return Verdict.fail(region.label() + " has no table; expected " + expectation());
        }
        List<String> seen = new ArrayList<>();
        for (TableBlock t : tables) {
            List<String> headers = headers(t);
            int rows = rows(t);
            boolean hasColumns = columns.stream().allMatch(c -> headers.stream().anyMatch(h -> h.equalsIgnoreCase(c.strip())));
            if (hasColumns && (minRows == null || rows >= minRows)) {
                return Verdict.pass("table at line " + Nodes.line(t) + " has columns " + quoted(headers) + " and " + rows
                        + (rows == 1 ? " row" : " rows"));
            }
            seen.add("line " + Nodes.line(t) + ": " + quoted(headers) + ", " + rows + (rows == 1 ? " row" : " rows"));
        }
        return Verdict.fail("no table in " + region.label() + " has " + requirement()
                + "; tables found: " + String.join("; ", seen));
    }

    private static List<String> headers(TableBlock table) {
        List<String> out = new ArrayList<>();
        for (TableHead head : Nodes.all(List.of(table), TableHead.class)) {
            for (TableCell cell : Nodes.all(List.of(head), TableCell.class)) {
                out.add(Nodes.text(cell));
            }
        }
        return out;
    }

    private static int rows(TableBlock table) {
        return Nodes.all(List.of(table), TableBody.class).stream()
                .mapToInt(b -> Nodes.all(List.of(b), TableRow.class).size()).sum();
    }

    private static String quoted(List<String> texts) {
        return String.join(", ", texts.stream().map(t -> "'" + t + "'").toList());
    }
}
