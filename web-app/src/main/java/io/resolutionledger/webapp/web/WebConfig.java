package io.resolutionledger.webapp.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.webapp.WebProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import io.resolutionledger.web.ContainerErrors;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web app's servlet side: problem details for the container's own errors (shared-security's
 * {@link ContainerErrors}), the pages' deep links, and the threads that copy relayed live streams (one each, as many
 * as {@code ledger.web.stream-connections}; the relay refuses more before asking for one).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

    private final AsyncTaskExecutor streamThreads;

    public WebConfig(@Qualifier("relayStreamThreads") AsyncTaskExecutor relayStreamThreads) {
        this.streamThreads = relayStreamThreads;
    }

    /** A thread per relayed stream, closed with the context; the relay's semaphore keeps within its bound. */
    @Bean
    static ThreadPoolTaskExecutor relayStreamThreads(WebProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("relay-stream-");
        executor.setCorePoolSize(Math.min(8, properties.streamConnections()));
        executor.setMaxPoolSize(properties.streamConnections() + 8);
        executor.setQueueCapacity(0);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setTaskExecutor(streamThreads);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper objectMapper) {
        return ContainerErrors.problemErrorReports(objectMapper);
    }

    @Bean
    FilterRegistrationBean<SpaForwardFilter> spaForwardFilter() {
        FilterRegistrationBean<SpaForwardFilter> registration = new FilterRegistrationBean<>(new SpaForwardFilter());
        // after Spring Security (-100): the forward is judged by it again, as a forward
        registration.setOrder(0);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The {@code /error} forward as a problem detail. */
    @RestController
    static class ErrorForwardController extends ContainerErrors.ProblemErrorController {

        ErrorForwardController(WebProperties properties) {
            super(properties.retryAfterSeconds());
        }
    }
}
