package io.resolutionledger.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code deploy/db/ledger-roles.psql} (the very file compose's postgres runs through psql) over JDBC: its psql
 * variables {@code :'owner_password'}, {@code :'command_password'}, {@code :'query_password'}, {@code :'web_password'}
 * become quoted literals,
 * statements are split at the line ends that close them. The script holds plain statements only (no dollar-quoted
 * bodies), which this splitting relies on.
 */
public final class DatabaseRoles {

    private DatabaseRoles() {
    }

    public static void apply(Connection connection, Path script, String ownerPassword, String commandPassword,
                             String queryPassword, String webPassword) throws IOException, SQLException {
        run(connection, script, ownerPassword, commandPassword, queryPassword, webPassword, false);
    }

    /**
     * The same on a server that other databases (other tests, an earlier run) share: roles belong to the cluster, so a
     * role that exists already (42710) gets its password set again; every other statement must succeed.
     */
    public static void applyOnSharedServer(Connection connection, Path script, String ownerPassword,
                                           String commandPassword, String queryPassword, String webPassword)
            throws IOException, SQLException {
        run(connection, script, ownerPassword, commandPassword, queryPassword, webPassword, true);
    }

    private static void run(Connection connection, Path script, String ownerPassword, String commandPassword,
                            String queryPassword, String webPassword, boolean rolesMayExist)
            throws IOException, SQLException {
        String text = Files.readString(script)
                .replace(":'owner_password'", literal("owner", ownerPassword))
                .replace(":'command_password'", literal("command", commandPassword))
                .replace(":'query_password'", literal("query", queryPassword))
                .replace(":'web_password'", literal("web", webPassword));
        try (Statement st = connection.createStatement()) {
            for (String statement : statements(text)) {
                try {
                    st.execute(statement);
                } catch (SQLException e) {
                    if (!rolesMayExist || !"42710".equals(e.getSQLState()) || !statement.startsWith("CREATE ROLE")) {
                        throw e;
                    }
                    st.execute(statement.replaceFirst("CREATE ROLE (\\w+) LOGIN", "ALTER ROLE $1")
                            .replaceAll(" NOSUPERUSER NOCREATEDB NOCREATEROLE", ""));
                }
            }
        }
    }

    private static String literal(String role, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("no password for the " + role + " role (LEDGER_DB_"
                    + role.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD)");
        }
        return "'" + password.replace("'", "''") + "'";
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        return out;
    }
}
