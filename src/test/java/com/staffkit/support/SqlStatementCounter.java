package com.staffkit.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL statements the application prepares, so a test can prove that a request costs a
 * bounded number of statements whatever its page size (no N+1).
 */
public final class SqlStatementCounter {

    /**
     * Threads that work in the background, whatever a test's request does: the webhook dispatcher
     * and its senders, the import worker and its chunks, scheduled jobs (the email outbox), the
     * change listener. A statement of theirs inside a test's window is not the request's.
     */
    private static final List<String> BACKGROUND_THREADS =
            List.of("webhook-", "staff-import-", "scheduling-", "staffkit-change-listener");

    private static final ConcurrentLinkedQueue<Statement> STATEMENTS = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    private record Statement(String sql, String thread) {
        boolean fromTheBackground() {
            return BACKGROUND_THREADS.stream().anyMatch(thread::startsWith)
                    || sql.contains("email_outbox")
                    || sql.contains("webhook_messages")
                    || sql.contains("staff_imports");
        }
    }

    private SqlStatementCounter() {}

    public static void start() {
        STATEMENTS.clear();
        recording = true;
    }

    /**
     * The statements since {@link #start()}, without the background threads' and without any on
     * the email outbox, the webhook queue or imports, whichever thread ran it (a create queues its
     * activation email in its own transaction).
     */
    public static List<String> stop() {
        recording = false;
        return STATEMENTS.stream()
                .filter(statement -> !statement.fromTheBackground())
                .map(Statement::sql)
                .toList();
    }

    static void record(String sql) {
        if (recording) {
            STATEMENTS.add(new Statement(sql, Thread.currentThread().getName()));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)
                            ? new CountingDataSource(dataSource)
                            : bean;
                }
            };
        }
    }

    static final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting(super.getConnection(username, password));
        }

        private static Connection counting(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                if ((name.equals("prepareStatement") || name.equals("prepareCall"))
                        && args != null
                        && args.length > 0
                        && args[0] instanceof String sql) {
                    record(sql);
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException ex) {
                    throw ex.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }
    }
}
