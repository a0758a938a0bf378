package dev.ecskms.sim.guest;

/**
 * An embedded 8x8 bitmap font for printable ASCII, so that rendering needs no system fonts.
 *
 * <p>Glyphs: font8x8_basic by Daniel Hepper, public domain (based on Marcel Sondaar's and IBM's public-domain VGA
 * fonts). Each glyph is 8 rows of 8 bits; bit 0 is the leftmost pixel. The console draws them at 8x16 by doubling
 * every row.
 */
final class BitmapFont {
    static final int WIDTH = 8;
    static final int HEIGHT = 8;

    /** Rows for U+0020..U+007E, 8 bytes each as 16 hex digits. */
    private static final String[] GLYPHS = {
        "0000000000000000", "183C3C1818001800", "3636000000000000", "36367F367F363600", // space ! " #
        "0C3E031E301F0C00", "006333180C666300", "1C361C6E3B336E00", "0606030000000000", // $ % & '
        "180C0606060C1800", "060C1818180C0600", "00663CFF3C660000", "000C0C3F0C0C0000", // ( ) * +
        "00000000000C0C06", "0000003F00000000", "00000000000C0C00", "6030180C06030100", // , - . /
        "3E63737B6F673E00", "0C0E0C0C0C0C3F00", "1E33301C06333F00", "1E33301C30331E00", // 0 1 2 3
        "383C36337F307800", "3F031F3030331E00", "1C06031F33331E00", "3F3330180C0C0C00", // 4 5 6 7
        "1E33331E33331E00", "1E33333E30180E00", "000C0C00000C0C00", "000C0C00000C0C06", // 8 9 : ;
        "180C0603060C1800", "00003F00003F0000", "060C1830180C0600", "1E3330180C000C00", // < = > ?
        "3E637B7B7B031E00", "0C1E33333F333300", "3F66663E66663F00", "3C66030303663C00", // @ A B C
        "1F36666666361F00", "7F46161E16467F00", "7F46161E16060F00", "3C66030373667C00", // D E F G
        "3333333F33333300", "1E0C0C0C0C0C1E00", "7830303033331E00", "6766361E36666700", // H I J K
        "0F06060646667F00", "63777F7F6B636300", "63676F7B73636300", "1C36636363361C00", // L M N O
        "3F66663E06060F00", "1E3333333B1E3800", "3F66663E36666700", "1E33070E38331E00", // P Q R S
        "3F2D0C0C0C0C1E00", "3333333333333F00", "33333333331E0C00", "6363636B7F776300", // T U V W
        "6363361C1C366300", "3333331E0C0C1E00", "7F6331184C667F00", "1E06060606061E00", // X Y Z [
        "03060C1830604000", "1E18181818181E00", "081C366300000000", "00000000000000FF", // \ ] ^ _
        "0C0C180000000000", "00001E303E336E00", "0706063E66663B00", "00001E3303331E00", // ` a b c
        "3830303E33336E00", "00001E333F031E00", "1C36060F06060F00", "00006E33333E301F", // d e f g
        "0706366E66666700", "0C000E0C0C0C1E00", "300030303033331E", "070666361E366700", // h i j k
        "0E0C0C0C0C0C1E00", "0000337F7F6B6300", "00001F3333333300", "00001E3333331E00", // l m n o
        "00003B66663E060F", "00006E33333E3078", "00003B6E66060F00", "00003E031E301F00", // p q r s
        "080C3E0C0C2C1800", "0000333333336E00", "00003333331E0C00", "0000636B7F7F3600", // t u v w
        "000063361C366300", "00003333333E301F", "00003F190C263F00", "380C0C070C0C3800", // x y z {
        "1818180018181800", "070C0C380C0C0700", "6E3B000000000000",                     // | } ~
    };

    private static final byte[][] ROWS = new byte[128][HEIGHT];

    static {
        for (int i = 0; i < GLYPHS.length; i++) {
            String hex = GLYPHS[i];
            for (int r = 0; r < HEIGHT; r++) {
                ROWS[32 + i][r] = (byte) Integer.parseInt(hex.substring(2 * r, 2 * r + 2), 16);
            }
        }
    }

    private BitmapFont() {
    }

    /** The 8 rows of a character; characters outside printable ASCII draw as '?'. */
    static byte[] glyph(char c) {
        if (c == ' ' || c == '\u00a0') {
            return ROWS[' '];
        }
        return c > 32 && c < 127 ? ROWS[c] : ROWS['?'];
    }

    static boolean pixel(char c, int x, int row) {
        return (glyph(c)[row] >> x & 1) != 0;
    }
}
