package dev.ecskms.sim.guest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * The guest's screen: one per machine, read by both the console panel and GetInstanceScreenshot. Pixels are ARGB and
 * start all black (0xFF000000); only the guest draws, through {@link #paint}.
 */
public final class Framebuffer {
    public static final int BLACK = 0xFF000000;
    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 600;

    private final int width;
    private final int height;
    private final int[] pixels;
    private long version;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public Framebuffer() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    Framebuffer(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
        Arrays.fill(pixels, BLACK);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public synchronized int[] pixelsCopy() {
        return pixels.clone();
    }

    /** Bumped on every change; 0 while nothing was ever drawn. */
    public synchronized long version() {
        return version;
    }

    /** Called on the guest's (caller's) thread after each change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    public byte[] toPng() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, pixelsCopy(), 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Draws a whole frame (or part of one) and then tells the listeners, once. */
    void paint(Consumer<Canvas> drawing) {
        synchronized (this) {
            drawing.accept(new Canvas(this));
            version++;
        }
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** Drawing primitives over the pixel array; only valid inside {@link #paint}. */
    static final class Canvas {
        private final Framebuffer fb;

        private Canvas(Framebuffer fb) {
            this.fb = fb;
        }

        int width() {
            return fb.width;
        }

        int height() {
            return fb.height;
        }

        void fill(int argb) {
            Arrays.fill(fb.pixels, argb);
        }

        void fillRect(int x, int y, int w, int h, int argb) {
            int x0 = Math.max(0, x);
            int y0 = Math.max(0, y);
            int x1 = Math.min(fb.width, x + w);
            int y1 = Math.min(fb.height, y + h);
            for (int yy = y0; yy < y1; yy++) {
                Arrays.fill(fb.pixels, yy * fb.width + x0, Math.max(yy * fb.width + x0, yy * fb.width + x1), argb);
            }
        }

        void rect(int x, int y, int w, int h, int argb) {
            fillRect(x, y, w, 1, argb);
            fillRect(x, y + h - 1, w, 1, argb);
            fillRect(x, y, 1, h, argb);
            fillRect(x + w - 1, y, 1, h, argb);
        }

        /** A vertical gradient from {@code top} to {@code bottom} colour. */
        void gradient(int x, int y, int w, int h, int top, int bottom) {
            for (int i = 0; i < h; i++) {
                fillRect(x, y + i, w, 1, mix(top, bottom, h <= 1 ? 0 : (double) i / (h - 1)));
            }
        }

        void disc(int cx, int cy, int r, int argb) {
            for (int dy = -r; dy <= r; dy++) {
                int dx = (int) Math.floor(Math.sqrt((double) r * r - dy * dy));
                fillRect(cx - dx, cy + dy, 2 * dx + 1, 1, argb);
            }
        }

        /**
         * Draws a character cell at (x, y): glyph pixels {@code sx} wide and {@code sy} tall each, so (1, 2) gives
         * the 8x16 console cell. A non-null {@code background} fills the cell first.
         */
        void drawChar(char c, int x, int y, int sx, int sy, int fg, Integer background) {
            if (background != null) {
                fillRect(x, y, BitmapFont.WIDTH * sx, BitmapFont.HEIGHT * sy, background);
            }
            byte[] rows = BitmapFont.glyph(c);
            for (int r = 0; r < BitmapFont.HEIGHT; r++) {
                int bits = rows[r] & 0xFF;
                if (bits == 0) {
                    continue;
                }
                for (int col = 0; col < BitmapFont.WIDTH; col++) {
                    if ((bits >> col & 1) != 0) {
                        fillRect(x + col * sx, y + r * sy, sx, sy, fg);
                    }
                }
            }
        }

        /** Draws a line of text; returns the x after it. */
        int drawText(String text, int x, int y, int sx, int sy, int fg) {
            for (int i = 0; i < text.length(); i++) {
                drawChar(text.charAt(i), x, y, sx, sy, fg, null);
                x += BitmapFont.WIDTH * sx;
            }
            return x;
        }

        static int textWidth(String text, int sx) {
            return text.length() * BitmapFont.WIDTH * sx;
        }

        static int mix(int a, int b, double t) {
            int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
            int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
            int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
            return 0xFF000000 | r << 16 | g << 8 | bl;
        }
    }
}
