package io.lfp.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.ingest.domain.InvalidProductException;
import io.lfp.ingest.domain.MalformedRequestException;
import io.lfp.ingest.domain.ProductInput;

/**
 * Reads a product request body. Parsed here rather than bound by the framework, so a syntax error
 * or a field of the wrong type gets the same clear 400 body as any other invalid product.
 * Fields other than sku, name and description are ignored.
 */
final class ProductRequests {

    private ProductRequests() {
    }

    static ProductInput parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedRequestException(
                    "The body must be a JSON object like {\"sku\":\"…\",\"name\":\"…\",\"description\":\"…\"}");
        }
        JsonNode tree;
        try {
            tree = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedRequestException("The body must be a JSON object, not " + describe(tree));
        }
        return new ProductInput(text(tree, "sku"), text(tree, "name"), text(tree, "description"));
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidProductException(field + " must be a string, not " + describe(value));
        }
        return value.textValue();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> "null";
        };
    }
}
