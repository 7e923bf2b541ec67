package io.onecustomer.generator;

/** Identifier noise the channels really produce: phone formats, email case and spaces, placeholders. */
final class Noise {
    private Noise() {}

    /** Phone formats of the contract (index = format id). */
    static final int PLAIN = 0; // 13812345678
    static final int PLUS86_SPACED = 1; // +86 138 1234 5678
    static final int PLUS86_DASHED = 2; // +86-138-1234-5678
    static final int CC_SPACE = 3; // 86 13812345678
    static final int SPACED = 4; // 138 1234 5678
    static final int DASHED = 5; // 138-1234-5678
    static final int PAREN = 6; // (+86)13812345678
    static final int TRUNK_ZERO = 7; // 013812345678
    static final int PLUS86_SPACE = 8; // +86 13812345678 (as in the contract's service example)
    static final int FORMATS = 9;

    static final String[] PHONE_PLACEHOLDERS = {"00000000000", "13800000000", "12345678901"};
    static final String[] EMAIL_PLACEHOLDERS = {"test@test.com", "none@none.com"};

    static final double[] POS_FORMATS = Rng.cumulative(30, 6, 4, 5, 12, 20, 4, 5, 4);
    static final double[] CRM_FORMATS = Rng.cumulative(70, 5, 3, 4, 3, 5, 3, 2, 5);
    static final double[] MINI_FORMATS = Rng.cumulative(20, 55, 15, 0, 0, 0, 0, 0, 10);
    static final double[] SERVICE_FORMATS = Rng.cumulative(35, 8, 5, 8, 8, 10, 5, 6, 15);

    static void appendPhone(StringBuilder sb, long number, int format) {
        String s = Long.toString(number);
        switch (format) {
            case PLAIN -> sb.append(s);
            case PLUS86_SPACED -> sb.append("+86 ").append(s, 0, 3).append(' ').append(s, 3, 7).append(' ').append(s, 7, 11);
            case PLUS86_DASHED -> sb.append("+86-").append(s, 0, 3).append('-').append(s, 3, 7).append('-').append(s, 7, 11);
            case CC_SPACE -> sb.append("86 ").append(s);
            case SPACED -> sb.append(s, 0, 3).append(' ').append(s, 3, 7).append(' ').append(s, 7, 11);
            case DASHED -> sb.append(s, 0, 3).append('-').append(s, 3, 7).append('-').append(s, 7, 11);
            case PAREN -> sb.append("(+86)").append(s);
            case TRUNK_ZERO -> sb.append('0').append(s);
            case PLUS86_SPACE -> sb.append("+86 ").append(s);
            default -> throw new IllegalArgumentException("format " + format);
        }
    }

    /** Marketplace masking: first 3 digits, 4 stars, last 4 digits. */
    static void appendMasked(StringBuilder sb, long number) {
        String s = Long.toString(number);
        sb.append(s, 0, 3).append("****").append(s, 7, 11);
    }

    static String canonicalPhone(long number) {
        return "+86" + number;
    }

    /** An email as typed: upper/mixed case and surrounding spaces some of the time. */
    static void appendNoisyEmail(StringBuilder sb, String email, Rng rng) {
        double u = rng.nextDouble();
        boolean spaces = rng.chance(0.15);
        if (spaces) {
            sb.append(' ');
        }
        if (u < 0.20) {
            // capitalise each dot-separated word of the local part and the domain: Li.Wei.123@Qq.com
            boolean cap = true;
            for (int k = 0; k < email.length(); k++) {
                char c = email.charAt(k);
                sb.append(cap ? Character.toUpperCase(c) : c);
                cap = c == '.' || c == '@';
            }
        } else if (u < 0.28) {
            sb.append(email.toUpperCase());
        } else {
            sb.append(email);
        }
        if (spaces) {
            sb.append(' ');
        }
    }
}
