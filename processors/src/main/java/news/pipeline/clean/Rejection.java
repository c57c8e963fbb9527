package news.pipeline.clean;

/** Why the cleaner could not make an article out of a document. */
public enum Rejection {
    /** No bytes, or only whitespace. */
    EMPTY_CONTENT,
    /** More bytes than the configured maximum. */
    OVERSIZED,
    /** Bytes that are not text in the declared or any detected encoding. */
    UNDECODABLE_TEXT,
    /** Nothing that reads as article text remains after removing boilerplate. */
    NO_TEXT
}
