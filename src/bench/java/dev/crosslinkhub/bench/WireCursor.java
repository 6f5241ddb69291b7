package dev.crosslinkhub.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the hub's messages by hand. Their bytes are fixed (keys in byte order, no spaces), so
 * each message is checked literal by literal: any other byte is a content error.
 */
final class WireCursor {

    /** A message that is not exactly what the hub must send. */
    static final class WireFormatException extends Exception {
        WireFormatException(String message) {
            super(message, null, false, false);
        }
    }

    private String text;
    private int pos;

    // the date of the last timestamp read, to skip re-parsing "yyyy-MM-dd"
    private String cachedDate = "";
    private long cachedDateEpochSecond;

    WireCursor reset(String message) {
        this.text = message;
        this.pos = 0;
        return this;
    }

    void expect(String literal) throws WireFormatException {
        if (!text.startsWith(literal, pos)) {
            throw new WireFormatException("expected " + literal + " at offset " + pos + " of " + abbreviate(text));
        }
        pos += literal.length();
    }

    boolean peek(String literal) {
        return text.startsWith(literal, pos);
    }

    /** A non-negative integer. */
    long number() throws WireFormatException {
        int start = pos;
        long value = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            if (pos - start >= 18) {
                throw new WireFormatException("number too long at offset " + start + " of " + abbreviate(text));
            }
            value = value * 10 + (c - '0');
            pos++;
        }
        if (pos == start || (text.charAt(start) == '0' && pos - start > 1)) {
            throw new WireFormatException("expected a number at offset " + start + " of " + abbreviate(text));
        }
        return value;
    }

    /** The characters up to the next double quote (not consumed); the hub's values here need no escapes. */
    String until(char quote) throws WireFormatException {
        int end = text.indexOf(quote, pos);
        if (end < 0) {
            throw new WireFormatException("unterminated string at offset " + pos + " of " + abbreviate(text));
        }
        String value = text.substring(pos, end);
        if (value.indexOf('\\') >= 0) {
            throw new WireFormatException("unexpected escape in " + abbreviate(text));
        }
        pos = end;
        return value;
    }

    void end() throws WireFormatException {
        if (pos != text.length()) {
            throw new WireFormatException("trailing characters at offset " + pos + " of " + abbreviate(text));
        }
    }

    /**
     * An ISO-8601 UTC instant ({@code 2026-11-25T08:15:02.481923Z}, 0 to 9 fraction digits) up to
     * the next double quote, as nanoseconds since the epoch.
     */
    long instantNanos() throws WireFormatException {
        int end = text.indexOf('"', pos);
        if (end < 0) {
            throw new WireFormatException("unterminated timestamp in " + abbreviate(text));
        }
        long nanos = fastInstant(pos, end);
        if (nanos == Long.MIN_VALUE) {
            try {
                Instant instant = Instant.parse(text.substring(pos, end));
                nanos = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
            } catch (DateTimeParseException e) {
                throw new WireFormatException("bad timestamp '" + text.substring(pos, end) + "'");
            }
        }
        pos = end;
        return nanos;
    }

    private long fastInstant(int from, int to) {
        String s = text;
        if (to - from < 20 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-' || s.charAt(from + 10) != 'T'
                || s.charAt(from + 13) != ':' || s.charAt(from + 16) != ':' || s.charAt(to - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        long dateSeconds;
        if (s.regionMatches(from, cachedDate, 0, 10) && cachedDate.length() == 10) {
            dateSeconds = cachedDateEpochSecond;
        } else {
            int year = digits(s, from, 4);
            int month = digits(s, from + 5, 2);
            int day = digits(s, from + 8, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
                return Long.MIN_VALUE;
            }
            try {
                dateSeconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L;
            } catch (RuntimeException e) {
                return Long.MIN_VALUE;
            }
            cachedDate = s.substring(from, from + 10);
            cachedDateEpochSecond = dateSeconds;
        }
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = digits(s, from + 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        long nanos = 0;
        int at = from + 19;
        if (s.charAt(at) == '.') {
            int fractionDigits = to - 1 - (at + 1);
            if (fractionDigits < 1 || fractionDigits > 9) {
                return Long.MIN_VALUE;
            }
            int fraction = digits(s, at + 1, fractionDigits);
            if (fraction < 0) {
                return Long.MIN_VALUE;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        } else if (at != to - 1) {
            return Long.MIN_VALUE;
        }
        return (dateSeconds + hour * 3600L + minute * 60L + second) * 1_000_000_000L + nanos;
    }

    private static int digits(String s, int from, int n) {
        int value = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
