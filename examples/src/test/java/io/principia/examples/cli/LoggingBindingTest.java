package io.principia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** ND4J drags in slf4j-api 1.7; the pinned 2.x must win so that Logback, not the NOP logger, binds. */
class LoggingBindingTest {

    @Test
    void slf4jBindsToLogback() {
        assertEquals("ch.qos.logback.classic.LoggerContext", LoggerFactory.getILoggerFactory().getClass().getName());
        String apiVersion = LoggerFactory.class.getPackage().getImplementationVersion();
        assertTrue(apiVersion == null || apiVersion.startsWith("2."), "slf4j-api on the classpath is " + apiVersion);
    }
}
