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
        String text = Files.readString(script)
                .replace(":'owner_password'", literal("owner", ownerPassword))
                .replace(":'command_password'", literal("command", commandPassword))
                .replace(":'query_password'", literal("query", queryPassword))
                .replace(":'web_password'", literal("web", webPassword));
        try (Statement st = connection.createStatement()) {
            for (String statement : statements(text)) {
                st.execute(statement);
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
