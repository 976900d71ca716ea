package io.lfp.cli.ingest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/aggregates?top=N}: the names with the most products, and the totals. */
public record AggregatesView(List<NameCount> items, long products, long names) {

    public record NameCount(String name, long count) {
    }

    public AggregatesView {
        items = List.copyOf(items);
    }

    public static AggregatesView from(JsonNode json) {
        List<NameCount> items = new ArrayList<>();
        for (JsonNode item : json.path("items")) {
            items.add(new NameCount(item.path("name").asText(), item.path("count").asLong()));
        }
        return new AggregatesView(items, json.path("products").asLong(), json.path("names").asLong());
    }
}
