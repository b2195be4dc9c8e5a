package io.huddle.streaming.domain;

/**
 * An identifier (user id, room id, channel name) that does not follow its syntax. Carries the name of the
 * field it came from so that callers can report which input was wrong.
 */
public class InvalidIdentifierException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the input field the value came from, e.g. {@code "room"}
     * @param value the rejected value, may be {@code null}
     * @param rule  what a valid value looks like
     */
    public InvalidIdentifierException(String field, String value, String rule) {
        super("invalid " + field + " " + (value == null ? "(missing)" : "'" + abbreviate(value) + "'") + ": " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
