# The news-pipeline processors and commands, as one image.
# Build: docker build -t news-pipeline .   Run: docker run news-pipeline run --processor tagger
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY schemas/pom.xml schemas/
COPY processors/pom.xml processors/
COPY embedded-kafka/pom.xml embedded-kafka/
COPY runtime/pom.xml runtime/
COPY sources/pom.xml sources/
COPY bench/pom.xml bench/
COPY test-support/pom.xml test-support/
COPY console/pom.xml console/
COPY cli/pom.xml cli/
COPY schemas schemas
COPY processors processors
COPY embedded-kafka embedded-kafka
COPY runtime runtime
COPY sources sources
COPY bench bench
COPY test-support test-support
COPY console console
COPY cli cli
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# libdeflate: import-warc inflates archives with it (about twice zlib's speed); without it, zlib.
RUN apt-get update && apt-get install -y --no-install-recommends libdeflate0 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 news
WORKDIR /app
COPY --from=build /src/cli/target/news-pipeline.jar /app/news-pipeline.jar
COPY samples /app/samples
ENV NEWS_PIPELINE_HOME=/app \
    NEWS_PIPELINE_DATA_DIR=/var/lib/news-pipeline
RUN mkdir -p /var/lib/news-pipeline && chown news /var/lib/news-pipeline
USER news
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/news-pipeline.jar"]
CMD ["--help"]
