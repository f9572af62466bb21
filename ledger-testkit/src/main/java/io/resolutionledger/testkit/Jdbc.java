package io.resolutionledger.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC for the harnesses' own reads and writes of the ledger's database (the ground truth they check the
 * services against, the data they generate): a new connection per call, through {@link DriverManager}, no pool,
 * so that a PostgreSQL restarted or paused by a fault scenario leaves no broken pooled connection behind. The
 * harnesses extend it with their own SQL.
 */
public class Jdbc {

    private final String url;
    private final String user;
    private final String password;

    public Jdbc(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The {@code ledger} database of a {@link LocalPostgres} on this machine, as its superuser. */
    public static String localUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/ledger";
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The first column of the first row as a number; an error when the query answers no row. */
    public long scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of every row. */
    public List<Long> longs(String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** The statements in order, on one connection, each committed by itself. */
    public void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
