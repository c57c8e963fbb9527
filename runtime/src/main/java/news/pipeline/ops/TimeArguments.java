package news.pipeline.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points in time as operators write them, like Kafka's own tools take them: an ISO-8601 date-time
 * (2026-03-04T09:30:00Z, or without an offset meaning UTC), a date (2026-03-04, midnight UTC), or
 * a duration back from now (PT2H, P1D, or the short forms 90s, 15m, 2h, 7d).
 */
public final class TimeArguments {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private TimeArguments() {}

    public static Instant parse(final String text, final Instant now) {
        final String value = text.strip();
        final Duration ago = durationOrNull(value);
        if (ago != null) {
            return now.minus(ago);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("not a date-time, date or duration: " + text
                            + " (examples: 2026-03-04T09:30:00Z, 2026-03-04, PT2H, 2h, 30m, 7d)");
                }
            }
        }
    }

    private static Duration durationOrNull(final String value) {
        final String upper = value.toUpperCase(Locale.ROOT);
        if (upper.startsWith("P")) {
            try {
                return Duration.parse(upper);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        final Matcher matcher = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        final long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
