#!/usr/bin/env node
// Reads topics the pipeline writes in registry mode (the Confluent wire format: a zero byte, the
// 4-byte schema id, then the Avro record) and prints each record as one JSON line. The schema of
// each record is fetched by its id from the registry's Confluent-compatible API.
//
//   node examples/node/read_registry.js --bootstrap-servers 127.0.0.1:9092 --schema-registry http://127.0.0.1:8081/apis/ccompat/v7
//
// Options: --topic NAME (repeatable; default news.articles.enriched and news.articles.by-country),
// --group ID, --until-idle SECONDS (stop when nothing has come for that long; default: follow).
'use strict';

const { Kafka, logLevel, CompressionTypes, CompressionCodecs } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const lz4 = require('lz4js');

// The processors compress with LZ4, for which kafkajs takes a codec: lz4js reads LZ4 frames.
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
  decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
});

function options(argv) {
  const given = { topics: [], bootstrapServers: '127.0.0.1:9092', group: 'news-reader-node', untilIdle: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--bootstrap-servers') given.bootstrapServers = value;
    else if (name === '--schema-registry') given.schemaRegistry = value;
    else if (name === '--topic') given.topics.push(value);
    else if (name === '--group') given.group = value;
    else if (name === '--until-idle') given.untilIdle = Number(value);
    else throw new Error(`unknown option ${name}`);
  }
  if (!given.schemaRegistry) throw new Error('--schema-registry URL is required');
  if (given.topics.length === 0) given.topics = ['news.articles.enriched', 'news.articles.by-country'];
  return given;
}

// What each topic's record says, in brief.
function summary(topic, key, value) {
  if (topic === 'news.articles.by-country') {
    return { topic, key, article_id: value.article_id, code: value.code, title: value.title };
  }
  return { topic, key, title: value.title, focus: value.focus, countries: value.countries.map((c) => c.code) };
}

async function main() {
  const args = options(process.argv.slice(2));
  const registry = new SchemaRegistry({ host: args.schemaRegistry });
  const kafka = new Kafka({
    clientId: 'news-reader-node',
    brokers: args.bootstrapServers.split(','),
    logLevel: logLevel.WARN,
  });
  // kafkajs reads committed records only by default: the processors write in transactions.
  const consumer = kafka.consumer({ groupId: args.group, maxWaitTimeInMs: 1000 });
  await consumer.connect();
  for (const topic of args.topics) {
    await consumer.subscribe({ topic, fromBeginning: true });
  }
  let last = Date.now();
  let counting = false;
  let failure = null;
  // Idle time counts from the first fetch after the group has its partitions, not from the start.
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  consumer.on(consumer.events.CRASH, (event) => {
    failure = event.payload.error;
  });
  consumer.on(consumer.events.FETCH, () => {
    if (joined && !counting) {
      counting = true;
      last = Date.now();
    }
  });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      try {
        const value = await registry.decode(message.value);
        last = Date.now();
        console.log(JSON.stringify(summary(topic, message.key.toString('utf8'), value)));
      } catch (e) {
        failure = e;
      }
    },
  });
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      if (failure || (args.untilIdle > 0 && counting && Date.now() - last > args.untilIdle * 1000)) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
  });
  await consumer.disconnect();
  if (failure) throw failure;
}

main().catch((e) => {
  console.error(`read_registry: ${e.message}`);
  process.exit(1);
});
