package org.carewatch.patrol.spot;

import org.carewatch.patrol.plan.SpotCheckDraw;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.carewatch.core.store.Transactions;
import org.carewatch.patrol.draw.Seed;
import org.carewatch.patrol.publish.DrawRecord;

/** Drawn field spot checks ({@code spot_checks}) and their visits ({@code spot_check_visits}). */
public final class SpotCheckRepository {
    private final DataSource ds;

    public SpotCheckRepository(DataSource ds) {
        this.ds = ds;
    }

    public record Stored(long id, long districtId, LocalDate from, LocalDate to, String share, Seed seed, DrawRecord record,
                         Instant revealAt, String createdBy, Instant createdAt, List<Visit> visits) {
    }

    public record Visit(long visitId, long centreId, LocalDate date, List<Long> inspectorIds, String status) {
    }

    public long save(long districtId, SpotCheckDraw.Input in, Seed seed, DrawRecord rec, SpotCheckDraw.Result res, Instant revealAt,
                     String createdBy) throws SQLException {
        return Transactions.inTransaction(ds, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO spot_checks (district_id, from_date, to_date, share, seed, "
                    + "seed_commitment, inputs_digest, inputs_json, plan_json, reveal_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) {
                ps.setLong(1, districtId);
                ps.setDate(2, Date.valueOf(in.from()));
                ps.setDate(3, Date.valueOf(in.to()));
                ps.setString(4, in.share());
                ps.setBytes(5, seed.bytes());
                ps.setString(6, rec.seedCommitment());
                ps.setString(7, rec.inputsDigest());
                ps.setString(8, rec.inputsJson());
                ps.setString(9, rec.planJson());
                ps.setTimestamp(10, Timestamp.from(revealAt));
                ps.setString(11, createdBy);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO spot_check_visits (spot_check_id, centre_id, visit_date, inspector_ids) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (SpotCheckDraw.Check k : res.checks()) {
                    ps.setLong(1, id);
                    ps.setLong(2, k.centreId());
                    ps.setDate(3, Date.valueOf(k.date()));
                    ps.setArray(4, c.createArrayOf("int8", k.inspectorIds().toArray()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    public Optional<Stored> find(long id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Stored base;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, district_id, from_date, to_date, share, seed, seed_commitment, "
                    + "inputs_digest, inputs_json, plan_json, reveal_at, created_by, created_at FROM spot_checks WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Seed seed = new Seed(rs.getBytes(6));
                    base = new Stored(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(), rs.getString(5),
                            seed, new DrawRecord(rs.getString(9), rs.getString(8), rs.getString(7), seed.hex(), rs.getString(10)),
                            rs.getTimestamp(11).toInstant(), rs.getString(12), rs.getTimestamp(13).toInstant(), List.of());
                }
            }
            List<Visit> visits = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, centre_id, visit_date, inspector_ids, status FROM spot_check_visits "
                    + "WHERE spot_check_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Array a = rs.getArray(4);
                        visits.add(new Visit(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), Arrays.asList((Long[]) a.getArray()),
                                rs.getString(5)));
                    }
                }
            }
            return Optional.of(new Stored(base.id(), base.districtId(), base.from(), base.to(), base.share(), base.seed(), base.record(),
                    base.revealAt(), base.createdBy(), base.createdAt(), visits));
        }
    }
}
