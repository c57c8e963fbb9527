package news.pipeline.deadletter;

import news.pipeline.schema.DeadLetterReason;

/** The checks every processor makes on a record before its own logic sees it. */
public final class RecordChecks {
    private RecordChecks() {}

    /** The article id: every pipeline record must be keyed by one. */
    public static String requireKey(final String key) {
        if (key == null || key.isBlank()) {
            throw new RejectedRecordException(
                    DeadLetterReason.MISSING_KEY,
                    key == null
                            ? "record has no key; every article record must be keyed by its id"
                            : "record key is blank; every article record must be keyed by its id");
        }
        return key;
    }

    /** A null value is a tombstone, which no pipeline topic uses. */
    public static <V> V requireValue(final V value, final String expected) {
        if (value == null) {
            throw new RejectedRecordException(
                    DeadLetterReason.MALFORMED_RECORD, "record has a null value (tombstone); expected a " + expected);
        }
        return value;
    }
}
