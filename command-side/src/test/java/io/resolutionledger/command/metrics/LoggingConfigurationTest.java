package io.resolutionledger.command.metrics;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.Appender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.resolutionledger.command.support.CommandSideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In the running application, logback-spring.xml is in force: the console line carries the correlation id. */
class LoggingConfigurationTest extends CommandSideIntegrationTest {

    @Test
    void theConsoleAppenderPrintsTheCorrelationIdFromTheMdc() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<?> console = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        assertThat(console).isInstanceOf(OutputStreamAppender.class);
        Object encoder = ((OutputStreamAppender<?>) console).getEncoder();
        assertThat(encoder).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(((PatternLayoutEncoder) encoder).getPattern()).contains("%X{correlationId");

        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("io.resolutionledger.Test"),
                Level.INFO, "command appended", null, null);
        event.setMDCPropertyMap(Map.of(CorrelationIdMdcFilter.MDC_KEY, "req-42"));
        assertThat(new String(((PatternLayoutEncoder) encoder).encode(event), StandardCharsets.UTF_8))
                .contains("[req-42]").contains("command appended");
    }
}
