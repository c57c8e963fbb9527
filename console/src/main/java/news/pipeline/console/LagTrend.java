package news.pipeline.console;

import java.util.List;

/** Whether a lag is rising, falling or steady: the sign of the least-squares slope of its recent samples. */
public enum LagTrend {
    RISING,
    FALLING,
    STEADY;

    /** One measurement: seconds since any fixed origin, and the records behind. */
    public record Point(double seconds, double value) {}

    /**
     * Below this slope (records a minute) a lag is steady: a few records more or fewer between two
     * measurements are the pipeline's normal breathing, not a trend.
     */
    static final double STEADY_RECORDS_PER_MINUTE = 1.0;

    public static LagTrend of(final List<Point> points) {
        if (points.size() < 2) {
            return STEADY;
        }
        final double meanX =
                points.stream().mapToDouble(Point::seconds).average().orElse(0);
        final double meanY = points.stream().mapToDouble(Point::value).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (final Point point : points) {
            covariance += (point.seconds() - meanX) * (point.value() - meanY);
            variance += (point.seconds() - meanX) * (point.seconds() - meanX);
        }
        if (variance == 0) {
            return STEADY;
        }
        final double perMinute = covariance / variance * 60;
        if (perMinute >= STEADY_RECORDS_PER_MINUTE) {
            return RISING;
        }
        return perMinute <= -STEADY_RECORDS_PER_MINUTE ? FALLING : STEADY;
    }
}
