package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads stored event payloads in tests. */
final class CommandSideIntegrationJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandSideIntegrationJson() {
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
