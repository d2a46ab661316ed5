package io.lakehub.app.text;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns, as {@code psql} prints one: a header row, a rule, then
 * the rows; numeric columns are right-aligned. Trailing blanks of a line are cut.
 */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param headers the column names
     * @param rightAligned per column, whether its cells are right-aligned (numbers)
     */
    public TextTable(List<String> headers, boolean[] rightAligned) {
        this.headers = headers;
        this.rightAligned = rightAligned.clone();
    }

    /** A table with these column names, every column left-aligned. */
    public TextTable(String... headers) {
        this(List.of(headers), new boolean[headers.length]);
    }

    /** Right-aligns the columns at these indexes. */
    public TextTable rightAlign(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /** Adds a row: one cell per column. */
    public TextTable add(List<String> row) {
        rows.add(row);
        return this;
    }

    /** Adds a row: one cell per column. */
    public TextTable add(String... row) {
        return add(List.of(row));
    }

    /** Prints the header, the rule and the rows, one {@code println} each. */
    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
        }
        for (List<String> row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printRow(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
    }

    private void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : " | ").append(rightAligned[c] ? pad + cell : cell + pad);
        }
        out.println(line.toString().stripTrailing());
    }
}
