package news.pipeline.clean;

/** How an article's content is written. */
public enum DocumentFormat {
    HTML,
    TEXT
}
