package io.resolutionledger.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parser limits of request bodies, below Jackson's generous defaults: command bodies are flat records (depth 3 at
 * most), so a body nested deeper than {@link #MAX_NESTING_DEPTH} is refused while it is parsed (400
 * {@code MALFORMED_REQUEST}) before it can cost stack or memory; numbers and names are short. A body is exactly one
 * JSON value without duplicate keys: content after it, or a key given twice (which the first or the last would
 * silently win), is refused too. Types are strict: a number or boolean is no string ({@code "title": 42}), and a date
 * is {@code YYYY-MM-DD} only (not a date-time whose time would be dropped, not an epoch day). The body size itself
 * is capped by {@link RequestSizeLimitFilter}.
 */
@Configuration(proxyBeanMethods = false)
public class JsonLimits {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_NUMBER_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 1_000;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer requestParserLimits() {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build();
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .postConfigurer(mapper -> {
                    mapper.getFactory().setStreamReadConstraints(constraints);
                    mapper.setDefaultLeniency(false);
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                });
    }
}
