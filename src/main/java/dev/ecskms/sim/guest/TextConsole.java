package dev.ecskms.sim.guest;

import java.util.Arrays;

/**
 * A VGA-like text console: a grid of 8x16 character cells on the framebuffer, light grey on black, with a cursor,
 * wrapping and scrolling. It also keeps the serial-console transcript of everything printed ({@link #transcript()}),
 * which {@code clear} does not erase.
 *
 * <p>Mutators only mark the screen dirty; {@link #repaint()} draws it in one framebuffer change.
 */
final class TextConsole {
    static final int CELL_W = 8;
    static final int CELL_H = 16;
    static final int GREY = 0xFFC0C0C0;
    static final int WHITE = 0xFFFFFFFF;
    static final int GREEN = 0xFF3FD13F;
    static final int RED = 0xFFF04040;
    static final int YELLOW = 0xFFE8D44D;

    private final Framebuffer fb;
    private final int cols;
    private final int rows;
    private final int marginX;
    private final int marginY;
    private final char[][] cells;
    private final int[][] colors;
    private int cx;
    private int cy;
    private boolean cursorVisible = true;
    private boolean dirty;
    private final StringBuilder transcript = new StringBuilder();

    TextConsole(Framebuffer fb) {
        this.fb = fb;
        this.cols = fb.width() / CELL_W;
        this.rows = fb.height() / CELL_H;
        this.marginX = (fb.width() - cols * CELL_W) / 2;
        this.marginY = (fb.height() - rows * CELL_H) / 2;
        this.cells = new char[rows][cols];
        this.colors = new int[rows][cols];
        clearCells();
    }

    int cols() {
        return cols;
    }

    int rows() {
        return rows;
    }

    String transcript() {
        return transcript.toString();
    }

    int transcriptLength() {
        return transcript.length();
    }

    void print(String text) {
        print(text, GREY);
    }

    void println(String text) {
        print(text + "\n", GREY);
    }

    void print(String text, int color) {
        transcript.append(text);
        for (int i = 0; i < text.length(); i++) {
            put(text.charAt(i), color);
        }
        dirty = true;
    }

    /** Echo of a typed character. */
    void echo(char c) {
        print(String.valueOf(c), GREY);
    }

    /** Erases the character before the cursor (the caller knows it is part of the line being typed). */
    void backspace() {
        if (transcript.length() > 0) {
            transcript.setLength(transcript.length() - 1);
        }
        if (cx > 0) {
            cx--;
        } else if (cy > 0) {
            cy--;
            cx = cols - 1;
        }
        cells[cy][cx] = ' ';
        dirty = true;
    }

    /** Clears the screen (as {@code clear} does); the transcript keeps everything. */
    void clearScreen() {
        clearCells();
        cx = 0;
        cy = 0;
        dirty = true;
    }

    void setCursorVisible(boolean visible) {
        if (cursorVisible != visible) {
            cursorVisible = visible;
            dirty = true;
        }
    }

    /** The text now on screen, one line per row, trailing blanks trimmed. */
    String screenText() {
        StringBuilder sb = new StringBuilder();
        for (char[] row : cells) {
            sb.append(new String(row).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    void repaint() {
        if (!dirty) {
            return;
        }
        dirty = false;
        fb.paint(c -> {
            c.fill(Framebuffer.BLACK);
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < cols; col++) {
                    char ch = cells[r][col];
                    if (ch != ' ') {
                        c.drawChar(ch, marginX + col * CELL_W, marginY + r * CELL_H, 1, 2, colors[r][col], null);
                    }
                }
            }
            if (cursorVisible) {
                c.fillRect(marginX + cx * CELL_W, marginY + cy * CELL_H + CELL_H - 3, CELL_W, 2, GREY);
            }
        });
    }

    private void put(char c, int color) {
        switch (c) {
            case '\n' -> newline();
            case '\r' -> cx = 0;
            case '\t' -> {
                int next = Math.min(cols, (cx / 8 + 1) * 8);
                while (cx < next) {
                    put(' ', color);
                }
            }
            default -> {
                if (cx >= cols) {
                    newline();
                }
                cells[cy][cx] = c;
                colors[cy][cx] = color;
                cx++;
            }
        }
    }

    private void newline() {
        cx = 0;
        if (cy < rows - 1) {
            cy++;
            return;
        }
        for (int r = 1; r < rows; r++) {
            cells[r - 1] = cells[r];
            colors[r - 1] = colors[r];
        }
        cells[rows - 1] = blankRow();
        colors[rows - 1] = new int[cols];
    }

    private void clearCells() {
        for (int r = 0; r < rows; r++) {
            cells[r] = blankRow();
            colors[r] = new int[cols];
        }
    }

    private char[] blankRow() {
        char[] row = new char[cols];
        Arrays.fill(row, ' ');
        return row;
    }
}
