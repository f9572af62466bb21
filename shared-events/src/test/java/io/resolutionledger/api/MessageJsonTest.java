package io.resolutionledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.api.json.LedgerJson;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class MessageJsonTest {

    private static final Path APPROVED = Path.of("src/test/resources/approved");
    private final ObjectMapper mapper = LedgerJson.messageMapper();

    @TestFactory
    Stream<DynamicTest> every_command_and_event_survives_a_json_round_trip() {
        return Stream.concat(SampleMessages.events().stream(), SampleMessages.commands().stream())
                .map(message -> DynamicTest.dynamicTest(message.getClass().getSimpleName(), () -> {
                    byte[] json = mapper.writeValueAsBytes(message);
                    assertThat(mapper.readValue(json, message.getClass())).isEqualTo(message);
                }));
    }

    @Test
    void the_samples_cover_every_event_and_every_command() {
        Set<Class<?>> sampled = Stream.concat(SampleMessages.events().stream(), SampleMessages.commands().stream())
                .map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsAll(permittedLeaves(LedgerEvent.class));
        assertThat(sampled).containsAll(ClassesInPackage.of("io.resolutionledger.api.command"));
    }

    @Test
    void every_event_carries_a_revision() {
        for (Class<?> event : permittedLeaves(LedgerEvent.class)) {
            assertThat(event.getAnnotation(Revision.class)).as(event.getSimpleName()).isNotNull();
        }
    }

    /**
     * An event's stored JSON may change only with a new revision (and an upcaster). Each approved file is named
     * after the event and its revision; a changed shape under the same revision fails here. A new event writes
     * its file under target/ for a developer to review and copy.
     */
    @TestFactory
    Stream<DynamicTest> an_event_shape_changes_only_with_a_new_revision() {
        ObjectMapper pretty = LedgerJson.messageMapper().enable(SerializationFeature.INDENT_OUTPUT);
        return SampleMessages.events().stream().map(event -> DynamicTest.dynamicTest(event.getClass().getSimpleName(), () -> {
            String revision = event.getClass().getAnnotation(Revision.class).value();
            String name = event.getClass().getSimpleName() + ".r" + revision + ".json";
            String actual = pretty.writeValueAsString(event).replace("\r\n", "\n") + "\n";
            Path approved = APPROVED.resolve(name);
            if (!Files.exists(approved)) {
                Path received = Path.of("target/received").resolve(name);
                Files.createDirectories(received.getParent());
                Files.writeString(received, actual, StandardCharsets.UTF_8);
                fail("no approved JSON for " + name + "; review " + received + " and copy it to " + approved);
            }
            assertThat(actual).as("JSON of %s changed without a new @Revision", name)
                    .isEqualTo(Files.readString(approved, StandardCharsets.UTF_8));
        }));
    }

    private static Set<Class<?>> permittedLeaves(Class<?> sealed) {
        Set<Class<?>> leaves = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(sealed));
        while (!todo.isEmpty()) {
            Class<?> next = todo.pop();
            if (next.isSealed()) {
                todo.addAll(List.of(next.getPermittedSubclasses()));
            } else {
                leaves.add(next);
            }
        }
        return leaves;
    }

    private static final class ClassesInPackage {
        static Set<Class<?>> of(String pkg) {
            Path dir = Path.of("src/main/java", pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".java"))
                        .map(n -> load(pkg + "." + n.substring(0, n.length() - 5)))
                        .collect(Collectors.toSet());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Class<?> load(String name) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
