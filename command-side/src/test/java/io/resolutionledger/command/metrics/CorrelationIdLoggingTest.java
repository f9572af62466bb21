package io.resolutionledger.command.metrics;

import io.resolutionledger.command.web.CorrelationIdFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The correlation id reaches the MDC on the request thread and while a command is handled, and is logged. */
class CorrelationIdLoggingTest {

    @AfterEach
    void clean() {
        MDC.clear();
    }

    @Test
    void theFilterPutsTheRequestsCorrelationIdIntoTheMdcForTheRequestOnly() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/resolutions");
        request.addHeader(CorrelationIdFilter.HEADER, "req-4711");
        AtomicReference<String> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
        }, new CorrelationIdFilter(), new CorrelationIdMdcFilter(),
                (req, res, next) -> seen.set(MDC.get(CorrelationIdMdcFilter.MDC_KEY)));

        chain.doFilter(request, new MockHttpServletResponse());

        assertThat(seen.get()).isEqualTo("req-4711");
        assertThat(MDC.get(CorrelationIdMdcFilter.MDC_KEY)).as("removed after the request").isNull();
    }

    @Test
    void aCommandIsHandledWithItsCorrelationIdInTheMdc() throws Exception {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("anything")
                .andMetaData(MetaData.with("correlationId", "req-0815"));
        AtomicReference<String> seen = new AtomicReference<>();
        MDC.put(CorrelationIdMdcFilter.MDC_KEY, "outer");

        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        unitOfWork.executeWithResult(() -> new CommandLogContext().handle(unitOfWork, () -> {
            seen.set(MDC.get(CorrelationIdMdcFilter.MDC_KEY));
            return null;
        }));

        assertThat(seen.get()).isEqualTo("req-0815");
        assertThat(MDC.get(CorrelationIdMdcFilter.MDC_KEY)).as("restored").isEqualTo("outer");
    }

    @Test
    void theConsolePatternOfLogbackSpringXmlPrintsTheCorrelationId() throws Exception {
        String xml = new String(getClass().getResourceAsStream("/logback-spring.xml").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(xml).contains("%X{correlationId").contains("structured-console-appender.xml")
                .contains("<springProfile name=\"json\">");

    }
}
