package com.staffkit.staff;

import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Caller;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /api/v1/staffs/export}: the staff a list with the same filter shows, as {@link StaffCsv},
 * streamed. PostgreSQL sends the rows through a cursor a batch at a time (a fetch size inside a
 * read-only transaction) and each row is written as it arrives, so a million rows take the memory
 * of one batch.
 */
@Service
class StaffExport {

    private static final int FETCH_SIZE = 1_000;

    private static final String SELECT = """
            select s.first_name, s.last_name, s.email, s.username, s.remote_id, s.job_title, s.phone, s.time_zone,
                   array(select r.name from staff_roles sr join roles r on r.id = sr.role_id
                         where sr.staff_id = s.id order by r.name) as roles,
                   array(select coalesce(st.remote_id, st.id::text) from staff_stores ss
                         join stores st on st.id = ss.store_id
                         where ss.staff_id = s.id order by st.id) as stores,
                   s.is_active
            from staff s""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    StaffExport(DataSource dataSource, PlatformTransactionManager transactions) {
        // A template of its own: the fetch size is this export's, not every query's.
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(template);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Writes the CSV of the staff the caller's list with this filter shows, in id order. */
    void write(Caller caller, StaffFilter filter, OutputStream out) {
        SqlWhere where = StaffConditions.matching(Visibility.of(caller), filter);
        where.and("not s.is_service_user");
        String sql = SELECT + where.sql() + " order by s.id";
        readOnly.executeWithoutResult(status -> {
            try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(writer, StaffCsv.FORMAT)) {
                jdbc.query(sql, where.params(), (RowCallbackHandler) rs -> {
                    try {
                        csv.printRecord(
                                cell(rs.getString("first_name")),
                                cell(rs.getString("last_name")),
                                cell(rs.getString("email")),
                                cell(rs.getString("username")),
                                cell(rs.getString("remote_id")),
                                cell(rs.getString("job_title")),
                                cell(rs.getString("phone")),
                                cell(rs.getString("time_zone")),
                                cell(list(rs.getArray("roles"))),
                                cell(list(rs.getArray("stores"))),
                                rs.getBoolean("is_active"));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
                csv.flush();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static String cell(String value) {
        return value == null ? "" : StaffCsv.neutralized(value);
    }

    private static String list(Array array) throws SQLException {
        return String.join(StaffCsv.LIST_SEPARATOR, (String[]) array.getArray());
    }
}
