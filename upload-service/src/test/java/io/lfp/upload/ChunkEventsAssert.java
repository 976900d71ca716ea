package io.lfp.upload;

import static io.lfp.upload.TestSupport.s3Range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.Topics;
import io.lfp.testing.Rfc4180Reader;
import io.lfp.testing.Rfc4180Reader.Rec;
import io.lfp.testing.TestKafka;
import software.amazon.awssdk.services.s3.S3Client;

/** Checks the ChunkReady events of one upload against the object in S3, parsed independently. */
public final class ChunkEventsAssert {

    private static final Set<String> FIELDS = Set.of("version", "uploadId", "uploadSeq", "chunkIndex", "chunksTotal",
            "bucket", "key", "rangeStart", "rangeEnd", "firstRecord", "firstLine", "records", "bytesTotal",
            "recordsTotal", "partSize");

    private ChunkEventsAssert() {
    }

    /**
     * The chunks were each announced once, tile [end of header, size) exactly, and ranged GETs of them,
     * parsed one by one, give the file's records with the right record and line numbers.
     *
     * @return the number of chunks
     */
    public static int assertChunks(S3Client s3, ObjectMapper json, String uploadId, long seq, String bucket,
            String key, byte[] file, int expectedChunks) throws Exception {
        List<ConsumerRecord<String, String>> records = new TestKafka().awaitRecords(Topics.INGEST_CHUNKS,
                uploadId + ":", expectedChunks, Duration.ofSeconds(60));
        assertEquals(expectedChunks, records.size(), "each chunk announced once");
        List<JsonNode> chunks = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode chunk = json.readTree(record.value());
            assertEquals(uploadId + ":" + chunk.get("chunkIndex").asInt(), record.key(), "Kafka key");
            chunks.add(chunk);
        }
        chunks.sort(Comparator.comparingInt(c -> c.get("chunkIndex").asInt()));

        List<Rec> whole = Rfc4180Reader.read(new String(file, StandardCharsets.UTF_8));
        List<Rec> expected = whole.subList(1, whole.size());
        long next = new String(file, StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
        List<Rec> concatenated = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            Set<String> names = new HashSet<>();
            c.fieldNames().forEachRemaining(names::add);
            assertEquals(FIELDS, names);
            assertEquals(2, c.get("version").asInt());
            assertEquals(uploadId, c.get("uploadId").asText());
            assertEquals(seq, c.get("uploadSeq").asLong());
            assertEquals(i, c.get("chunkIndex").asInt());
            long partSize = c.get("partSize").asLong();
            // an HTTP upload is stored in parts and its chunks announced before the totals are known
            boolean streamed = partSize > 0;
            assertEquals(streamed ? 0 : expectedChunks, c.get("chunksTotal").asInt());
            assertEquals(bucket, c.get("bucket").asText());
            assertEquals(key, c.get("key").asText());
            assertEquals(streamed ? 0 : file.length, c.get("bytesTotal").asLong());
            assertEquals(streamed ? 0 : expected.size(), c.get("recordsTotal").asLong());
            long start = c.get("rangeStart").asLong();
            long end = c.get("rangeEnd").asLong();
            assertEquals(next, start, "chunk " + i + " starts where the previous ended");
            next = end;

            byte[] range = s3Range(s3, bucket, key, start, end, partSize);
            assertArrayEquals(Arrays.copyOfRange(file, (int) start, (int) end), range);
            List<Rec> parsed = Rfc4180Reader.read(new String(range, StandardCharsets.UTF_8));
            assertEquals(c.get("records").asLong(), parsed.size(), "records of chunk " + i);
            long firstRecord = c.get("firstRecord").asLong();
            long firstLine = c.get("firstLine").asLong();
            assertEquals(concatenated.size() + 1, firstRecord, "firstRecord of chunk " + i);
            assertEquals(expected.get((int) firstRecord - 1).line(), firstLine, "firstLine of chunk " + i);
            for (Rec r : parsed) {
                concatenated.add(r.withLine(r.line() + firstLine - 1));
            }
        }
        assertEquals(file.length, next, "the last chunk ends at the end of the object");
        assertEquals(expected, concatenated, "the chunks hold exactly the file's records");
        return chunks.size();
    }
}
