using Microsoft.Data.Sqlite;

namespace OpenCts.Storage.Sqlite.Schema;

/// <summary>The store's schema, as numbered steps applied once each, in order, inside one transaction.</summary>
/// <remarks>Never edit a released step: add a new one. Other components (the ledger) keep their own steps under their own name.</remarks>
internal static class Migrations
{
    public const string Component = "store";

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE raw_messages (
            id INTEGER PRIMARY KEY,
            sender TEXT NOT NULL,
            message_id TEXT NOT NULL,
            format TEXT NOT NULL,
            file_name TEXT NOT NULL,
            received_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            bytes BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'accepted-with-warnings', 'rejected')),
            issues TEXT NOT NULL,
            unmapped TEXT NOT NULL
        );
        -- Idempotency: an accepted (sender, message id) is stored once; a rejected one may be sent again, corrected.
        CREATE UNIQUE INDEX raw_messages_accepted ON raw_messages (sender, message_id) WHERE status <> 'rejected';

        CREATE TABLE consignments (
            document_key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            number TEXT NOT NULL,
            current_version INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
            first_received_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            cancelled_by INTEGER REFERENCES raw_messages (id)
        );

        CREATE TABLE consignment_versions (
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL REFERENCES consignments (document_key),
            version INTEGER NOT NULL,
            raw_message_id INTEGER NOT NULL REFERENCES raw_messages (id),
            received_at TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (document_key, version)
        );

        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL REFERENCES consignments (document_key),
            consignment_version INTEGER NOT NULL,
            score REAL NOT NULL,
            lane TEXT NOT NULL,
            assessed_at TEXT NOT NULL,
            reasons TEXT NOT NULL
        );
        CREATE INDEX assessments_by_document ON assessments (document_key, consignment_version);

        CREATE TABLE profiles (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (id, version)
        );

        CREATE TABLE watchlists (
            list TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            entry_count INTEGER NOT NULL
        );

        CREATE TABLE watchlist_entries (
            list TEXT NOT NULL REFERENCES watchlists (list),
            entry_id TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (list, entry_id)
        );

        CREATE TABLE allow_list (
            party_name TEXT NOT NULL,
            list TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            why TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (party_name, list, entry_id)
        );

        CREATE TABLE reference_lists (
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (name, value)
        );

        CREATE TABLE trusted_traders (
            scheme TEXT NOT NULL,
            identifier TEXT NOT NULL,
            name TEXT NOT NULL,
            programme TEXT NOT NULL,
            valid_from TEXT,
            valid_to TEXT,
            PRIMARY KEY (scheme, identifier)
        );

        CREATE TABLE examinations (
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            outcome TEXT NOT NULL,
            amount_recovered REAL NOT NULL,
            examined_at TEXT NOT NULL,
            notes TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX examinations_by_document ON examinations (document_key);
        """,
        """
        -- Every load of a watch list is kept, so that the ledger can check each one, not only the latest.
        CREATE TABLE watchlist_loads (
            id INTEGER PRIMARY KEY,
            list TEXT NOT NULL,
            source TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            entry_count INTEGER NOT NULL,
            digest TEXT NOT NULL
        );
        """,
        """
        -- An exporting administration's record of a shipment, with its proof bundle and the comparison made.
        CREATE TABLE export_records (
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            administration TEXT NOT NULL,
            record BLOB NOT NULL,
            bundle TEXT NOT NULL,
            comparison TEXT NOT NULL,
            attached_at TEXT NOT NULL
        );
        CREATE INDEX export_records_by_document ON export_records (document_key);
        """,
        """
        -- Reference lists, the trusted-trader register and the allow-list become versioned and journaled: each change is a row
        -- that is never overwritten, and what is in force is read from the latest rows. What was loaded before is kept as
        -- their first version (it was never journaled).
        CREATE TABLE reference_list_versions (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            source TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (name, version)
        );
        INSERT INTO reference_list_versions (name, version, source, saved_at, body)
            SELECT name, 1, 'loaded before versioning', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_group_array(value)
            FROM (SELECT name, value FROM reference_lists ORDER BY name, value) GROUP BY name;
        DROP TABLE reference_lists;

        CREATE TABLE trusted_trader_versions (
            id INTEGER PRIMARY KEY,
            version INTEGER NOT NULL UNIQUE,
            source TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            body TEXT NOT NULL
        );
        INSERT INTO trusted_trader_versions (version, source, saved_at, body)
            SELECT 1, 'loaded before versioning', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                   json_group_array(json_object('scheme', scheme, 'identifier', identifier, 'name', name, 'programme', programme, 'validFrom', valid_from, 'validTo', valid_to))
            FROM (SELECT * FROM trusted_traders ORDER BY scheme, identifier) HAVING COUNT(*) > 0;
        DROP TABLE trusted_traders;

        CREATE TABLE allow_list_changes (
            id INTEGER PRIMARY KEY,
            change TEXT NOT NULL CHECK (change IN ('allow', 'withdraw')),
            party_name TEXT NOT NULL,
            list TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            why TEXT NOT NULL,
            decided_at TEXT NOT NULL
        );
        CREATE INDEX allow_list_changes_by_key ON allow_list_changes (party_name, list, entry_id);
        INSERT INTO allow_list_changes (change, party_name, list, entry_id, decided_by, why, decided_at)
            SELECT 'allow', party_name, list, entry_id, decided_by, why, decided_at FROM allow_list ORDER BY decided_at;
        DROP TABLE allow_list;

        -- A message read with content faults is taken, and its status says so.
        CREATE TABLE raw_messages_v4 (
            id INTEGER PRIMARY KEY,
            sender TEXT NOT NULL,
            message_id TEXT NOT NULL,
            format TEXT NOT NULL,
            file_name TEXT NOT NULL,
            received_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            bytes BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'accepted-with-warnings', 'accepted-with-findings', 'rejected')),
            issues TEXT NOT NULL,
            unmapped TEXT NOT NULL
        );
        INSERT INTO raw_messages_v4 SELECT * FROM raw_messages;
        DROP TABLE raw_messages;
        ALTER TABLE raw_messages_v4 RENAME TO raw_messages;
        CREATE UNIQUE INDEX raw_messages_accepted ON raw_messages (sender, message_id) WHERE status <> 'rejected';
        """,
        // The server (issue #11): officers' decisions, user accounts as versions, the audit log, and examination details from the result form.
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            action TEXT NOT NULL,
            examination_kind TEXT,
            comment TEXT,
            actor TEXT NOT NULL,
            decided_at TEXT NOT NULL
        );
        CREATE INDEX decisions_by_document ON decisions (document_key, id);

        CREATE TABLE user_versions (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            disabled INTEGER NOT NULL,
            password_hash TEXT,
            api_key_id TEXT,
            api_key_hash TEXT,
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX user_versions_by_name ON user_versions (name COLLATE NOCASE, id);
        CREATE INDEX user_versions_by_key ON user_versions (api_key_id) WHERE api_key_id IS NOT NULL;

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            outcome TEXT NOT NULL,
            at TEXT NOT NULL
        );

        ALTER TABLE examinations ADD COLUMN finding TEXT;
        ALTER TABLE examinations ADD COLUMN currency TEXT;
        ALTER TABLE examinations ADD COLUMN quantity REAL;
        """,
        // Referrals to filers with their callbacks and webhook outbox, office capacity, examination assignments and alert
        // subscriptions (issue #11); house filings are found by their master document number.
        """
        CREATE TABLE referrals (
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            decision_id INTEGER NOT NULL REFERENCES decisions (id),
            action TEXT NOT NULL,
            comment TEXT,
            filer TEXT NOT NULL,
            referred_at TEXT NOT NULL
        );
        CREATE INDEX referrals_by_document ON referrals (document_key, id);

        CREATE TABLE referral_answers (
            id INTEGER PRIMARY KEY,
            referral_id INTEGER NOT NULL UNIQUE REFERENCES referrals (id),
            raw_message_id INTEGER NOT NULL REFERENCES raw_messages (id),
            answered_at TEXT NOT NULL
        );

        CREATE TABLE callback_versions (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            url TEXT,
            secret TEXT,
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX callback_versions_by_owner ON callback_versions (owner COLLATE NOCASE, id);

        CREATE TABLE webhook_deliveries (
            id INTEGER PRIMARY KEY,
            referral_id INTEGER NOT NULL REFERENCES referrals (id),
            owner TEXT NOT NULL,
            body BLOB NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            next_attempt_at TEXT,
            last_error TEXT,
            ended_at TEXT
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
        CREATE INDEX webhook_deliveries_by_owner ON webhook_deliveries (owner COLLATE NOCASE, id);

        CREATE TABLE office_settings (
            id INTEGER PRIMARY KEY,
            office TEXT NOT NULL,
            examinations_per_day INTEGER NOT NULL,
            red_share REAL NOT NULL,
            yellow_share REAL NOT NULL,
            random_share REAL NOT NULL,
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX office_settings_by_office ON office_settings (office, id);

        CREATE TABLE examination_assignments (
            id INTEGER PRIMARY KEY,
            document_key TEXT NOT NULL,
            examiner TEXT NOT NULL,
            kind TEXT,
            assigned_by TEXT NOT NULL,
            assigned_at TEXT NOT NULL
        );
        CREATE INDEX examination_assignments_by_examiner ON examination_assignments (examiner COLLATE NOCASE, id);

        CREATE TABLE alert_subscriptions (
            id INTEGER PRIMARY KEY,
            user_name TEXT,
            group_name TEXT,
            category TEXT,
            port TEXT,
            profile TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK ((user_name IS NULL) <> (group_name IS NULL))
        );

        CREATE TABLE alert_subscription_removals (
            id INTEGER PRIMARY KEY,
            subscription_id INTEGER NOT NULL UNIQUE REFERENCES alert_subscriptions (id),
            removed_by TEXT NOT NULL,
            removed_at TEXT NOT NULL
        );

        CREATE INDEX consignment_versions_by_master ON consignment_versions (json_extract(body, '$.document.masterNumber'));
        """,
        """
        -- An officer asks to allow-list a false positive, and a supervisor allows or refuses it: both are rows of the allow-list's
        -- changes, so the request, its decision and who took them are journaled like the allow-list itself. Ids are kept, so the
        -- ledger's leaves still name the same rows.
        CREATE TABLE allow_list_changes_v2 (
            id INTEGER PRIMARY KEY,
            change TEXT NOT NULL CHECK (change IN ('allow', 'withdraw', 'request', 'refuse')),
            party_name TEXT NOT NULL,
            list TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            why TEXT NOT NULL,
            decided_at TEXT NOT NULL
        );
        INSERT INTO allow_list_changes_v2 (id, change, party_name, list, entry_id, decided_by, why, decided_at)
            SELECT id, change, party_name, list, entry_id, decided_by, why, decided_at FROM allow_list_changes;
        DROP TABLE allow_list_changes;
        ALTER TABLE allow_list_changes_v2 RENAME TO allow_list_changes;
        CREATE INDEX allow_list_changes_by_key ON allow_list_changes (party_name, list, entry_id);
        """,
        """
        -- The e-commerce indicators: orders from platforms (linked to parcels by tracking number) and analysts' entity decisions.
        CREATE TABLE platform_orders (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            order_number TEXT NOT NULL,
            tracking_number TEXT NOT NULL,
            body TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE INDEX platform_orders_by_order ON platform_orders (platform, order_number, id);
        CREATE INDEX platform_orders_by_tracking ON platform_orders (tracking_number);

        CREATE TABLE entity_decisions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
            entity_id TEXT NOT NULL,
            other_entity_id TEXT,
            records TEXT NOT NULL,
            reason TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL
        );
        """,
        // Retention (issue #14): a purge deletes a record and the salt of its ledger leaf, and leaves a journaled tombstone
        // naming what was purged under which rule; the audit reports such a record as purged, any other missing one as deleted.
        """
        CREATE TABLE purge_tombstones (
            id INTEGER PRIMARY KEY,
            record_kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            purged_by TEXT NOT NULL,
            purged_at TEXT NOT NULL
        );
        CREATE INDEX purge_tombstones_by_record ON purge_tombstones (record_kind, record_id);
        """,
        // Intake at scale (issue #15): a house's master is looked up by number, and a message's versions by message, once per
        // consignment; without these indexes each look-up scanned the table, so assessing grew with the square of the store.
        """
        CREATE INDEX consignments_by_number ON consignments (number);
        CREATE INDEX consignment_versions_by_message ON consignment_versions (raw_message_id);
        """,
        // Packing (issue #15): raw messages may be kept Brotli-compressed, which their row notes; bodies may be packed too, so
        // the master number that houses are linked by moves out of the body into a column of its own.
        """
        ALTER TABLE raw_messages ADD COLUMN compression TEXT;
        ALTER TABLE consignment_versions ADD COLUMN master_number TEXT;
        UPDATE consignment_versions SET master_number = json_extract(body, '$.document.masterNumber');
        DROP INDEX consignment_versions_by_master;
        CREATE INDEX consignment_versions_by_master ON consignment_versions (master_number) WHERE master_number IS NOT NULL;
        """,
        // The worklist in the store (issue #14): each version keeps where and when its goods arrive beside its (packed) body,
        // and a table of current targets (the latest assessment of each active consignment's current version) is kept by
        // triggers in the same transaction as any write that changes it, so that a worklist page reads its own rows, not the
        // whole lane. Versions written before this step are placed by the store when it opens (their bodies may be packed).
        // The table holds only what pages are filtered and ordered by, keyed by the version's integer id so that its indexes
        // stay small; a page joins the rest for its own rows.
        """
        ALTER TABLE consignment_versions ADD COLUMN discharge TEXT;
        ALTER TABLE consignment_versions ADD COLUMN arrival_ticks INTEGER;
        ALTER TABLE consignment_versions ADD COLUMN arrival_offset INTEGER;
        ALTER TABLE consignment_versions ADD COLUMN placed INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX consignment_versions_unplaced ON consignment_versions (id) WHERE placed = 0;

        CREATE TABLE current_targets (
            version_id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL,
            lane_rank INTEGER NOT NULL,
            score REAL NOT NULL,
            arrival_order INTEGER NOT NULL,
            discharge TEXT
        );
        CREATE INDEX current_targets_by_risk ON current_targets (lane_rank DESC, score DESC);
        CREATE INDEX current_targets_by_arrival ON current_targets (lane_rank, arrival_order, score DESC);

        INSERT INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge)
        SELECT v.id, a.id, CASE a.lane WHEN 'Red' THEN 2 WHEN 'Yellow' THEN 1 ELSE 0 END, a.score, 9223372036854775807, NULL
        FROM assessments a
        JOIN consignments c ON c.document_key = a.document_key AND c.current_version = a.consignment_version AND c.status = 'active'
        JOIN consignment_versions v ON v.document_key = a.document_key AND v.version = a.consignment_version
        WHERE a.id = (SELECT MAX(id) FROM assessments b WHERE b.document_key = a.document_key AND b.consignment_version = a.consignment_version);

        CREATE TRIGGER current_targets_on_assessment AFTER INSERT ON assessments BEGIN
            INSERT INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge)
            SELECT v.id, NEW.id, CASE NEW.lane WHEN 'Red' THEN 2 WHEN 'Yellow' THEN 1 ELSE 0 END, NEW.score,
                   COALESCE(v.arrival_ticks, 9223372036854775807), v.discharge
            FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            WHERE c.document_key = NEW.document_key AND c.current_version = NEW.consignment_version AND c.status = 'active'
            ON CONFLICT (version_id) DO UPDATE SET
                assessment_id = excluded.assessment_id, lane_rank = excluded.lane_rank, score = excluded.score
            WHERE excluded.assessment_id > current_targets.assessment_id;
        END;

        CREATE TRIGGER current_targets_on_assessment_purged AFTER DELETE ON assessments BEGIN
            DELETE FROM current_targets
            WHERE version_id = (SELECT id FROM consignment_versions WHERE document_key = OLD.document_key AND version = OLD.consignment_version)
              AND assessment_id = OLD.id;
            INSERT OR IGNORE INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge)
            SELECT v.id, a.id, CASE a.lane WHEN 'Red' THEN 2 WHEN 'Yellow' THEN 1 ELSE 0 END, a.score,
                   COALESCE(v.arrival_ticks, 9223372036854775807), v.discharge
            FROM consignments c
            JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            JOIN assessments a ON a.document_key = c.document_key AND a.consignment_version = c.current_version
            WHERE c.document_key = OLD.document_key AND c.status = 'active'
            ORDER BY a.id DESC LIMIT 1;
        END;

        CREATE TRIGGER current_targets_on_consignment AFTER UPDATE OF current_version, status ON consignments BEGIN
            DELETE FROM current_targets WHERE version_id IN (SELECT id FROM consignment_versions WHERE document_key = NEW.document_key);
            INSERT INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge)
            SELECT v.id, a.id, CASE a.lane WHEN 'Red' THEN 2 WHEN 'Yellow' THEN 1 ELSE 0 END, a.score,
                   COALESCE(v.arrival_ticks, 9223372036854775807), v.discharge
            FROM assessments a JOIN consignment_versions v ON v.document_key = a.document_key AND v.version = a.consignment_version
            WHERE NEW.status = 'active' AND a.document_key = NEW.document_key AND a.consignment_version = NEW.current_version
            ORDER BY a.id DESC LIMIT 1;
        END;

        CREATE TRIGGER current_targets_on_version_purged AFTER DELETE ON consignment_versions BEGIN
            DELETE FROM current_targets WHERE version_id = OLD.id;
        END;

        CREATE TRIGGER current_targets_on_placed AFTER UPDATE OF placed ON consignment_versions BEGIN
            UPDATE current_targets SET discharge = NEW.discharge, arrival_order = COALESCE(NEW.arrival_ticks, 9223372036854775807)
            WHERE version_id = NEW.id;
        END;
        """,
        // Pending assessments (issue #14): the versions still to be assessed are listed by triggers as they are written, so the
        // assessment loop reads what is pending, not the whole store, each time a message arrives. A version leaves the list
        // when it is assessed, superseded, cancelled or purged, and comes back if its assessments are purged.
        """
        CREATE TABLE pending_assessments (version_id INTEGER PRIMARY KEY);
        INSERT INTO pending_assessments (version_id)
        SELECT v.id FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
        WHERE c.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.document_key = c.document_key AND a.consignment_version = c.current_version);

        CREATE TRIGGER pending_on_version AFTER INSERT ON consignment_versions BEGIN
            INSERT OR IGNORE INTO pending_assessments (version_id) VALUES (NEW.id);
        END;
        CREATE TRIGGER pending_on_version_purged AFTER DELETE ON consignment_versions BEGIN
            DELETE FROM pending_assessments WHERE version_id = OLD.id;
        END;
        CREATE TRIGGER pending_on_assessment AFTER INSERT ON assessments BEGIN
            DELETE FROM pending_assessments
            WHERE version_id = (SELECT id FROM consignment_versions WHERE document_key = NEW.document_key AND version = NEW.consignment_version);
        END;
        CREATE TRIGGER pending_on_assessment_purged AFTER DELETE ON assessments BEGIN
            INSERT OR IGNORE INTO pending_assessments (version_id)
            SELECT v.id FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            WHERE c.document_key = OLD.document_key AND c.current_version = OLD.consignment_version AND c.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.document_key = OLD.document_key AND a.consignment_version = OLD.consignment_version);
        END;
        CREATE TRIGGER pending_on_consignment AFTER UPDATE OF current_version, status ON consignments BEGIN
            DELETE FROM pending_assessments
            WHERE version_id IN (SELECT id FROM consignment_versions WHERE document_key = NEW.document_key AND (version <> NEW.current_version OR NEW.status <> 'active'));
        END;
        """,
        // Issue #14 (sec-gaps): a grant to see one consignment unmasked is stored with its end, beside its journaled audit
        // entry, so that a restart neither withdraws a grant nor extends one.
        """
        CREATE TABLE unmask_grants (
            id INTEGER PRIMARY KEY,
            user_name TEXT NOT NULL,
            document_key TEXT NOT NULL,
            reason TEXT NOT NULL,
            granted_at TEXT NOT NULL,
            until_at TEXT NOT NULL
        );
        CREATE INDEX unmask_grants_by_end ON unmask_grants (until_at);
        """,
        // Issue #14 (exam-idem): a result sent with a client's key (an Idempotency-Key, a result id, a file row's content) is
        // recorded once; the key and a fingerprint of what was sent sit on the result's row, unique among keyed rows, so that
        // a retry finds the first result in the same transaction as it would insert, and a purge takes the key with the row.
        // An examine decision looks for an open assignment of its document inside its write, so two at once assign one.
        """
        ALTER TABLE examinations ADD COLUMN client_key TEXT;
        ALTER TABLE examinations ADD COLUMN client_fingerprint TEXT;
        CREATE UNIQUE INDEX examinations_by_client_key ON examinations (client_key) WHERE client_key IS NOT NULL;
        CREATE INDEX examination_assignments_by_document ON examination_assignments (document_key, id);
        """,
        // Issue #14: ties in the worklist's order (a flight of parcels with one arrival and one score) are broken by document
        // key, which the table did not hold, so each page sorted every tied row after joining its version: under load, with
        // thousands of tied rows, each read of the first page cost more as the lane grew. The key now sits in the table and at
        // the end of both indexes, so a page is read in index order however many rows tie.
        """
        ALTER TABLE current_targets ADD COLUMN document_key TEXT;
        UPDATE current_targets SET document_key = (SELECT document_key FROM consignment_versions WHERE id = current_targets.version_id);
        DROP INDEX current_targets_by_risk;
        DROP INDEX current_targets_by_arrival;
        CREATE INDEX current_targets_by_risk ON current_targets (lane_rank DESC, score DESC, document_key);
        CREATE INDEX current_targets_by_arrival ON current_targets (lane_rank, arrival_order, score DESC, document_key);
        DROP TRIGGER current_targets_on_assessment;
        DROP TRIGGER current_targets_on_assessment_purged;
        DROP TRIGGER current_targets_on_consignment;

        CREATE TRIGGER current_targets_on_assessment AFTER INSERT ON assessments BEGIN
            INSERT INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge, document_key)
            SELECT v.id, NEW.id, CASE NEW.lane WHEN 'Red' THEN 2 WHEN 'Yellow' THEN 1 ELSE 0 END, NEW.score,
                   COALESCE(v.arrival_ticks, 9223372036854775807), v.discharge, v.document_key
            FROM consignments c JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            WHERE c.document_key = NEW.document_key AND c.current_version = NEW.consignment_version AND c.status = 'active'
            ON CONFLICT (version_id) DO UPDATE SET
                assessment_id = excluded.assessment_id, lane_rank = excluded.lane_rank, score = excluded.score
            WHERE excluded.assessment_id > current_targets.assessment_id;
        END;

        CREATE TRIGGER current_targets_on_assessment_purged AFTER DELETE ON assessments BEGIN
            DELETE FROM current_targets
            WHERE version_id = (SELECT id FROM consignment_versions WHERE document_key = OLD.document_key AND version = OLD.consignment_version)
              AND assessment_id = OLD.id;
            INSERT OR IGNORE INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge, document_key)
            SELECT v.id, a.id, CASE a.lane WHEN 'Red' THEN 2 WHEN 'Yellow' THEN 1 ELSE 0 END, a.score,
                   COALESCE(v.arrival_ticks, 9223372036854775807), v.discharge, v.document_key
            FROM consignments c
            JOIN consignment_versions v ON v.document_key = c.document_key AND v.version = c.current_version
            JOIN assessments a ON a.document_key = c.document_key AND a.consignment_version = c.current_version
            WHERE c.document_key = OLD.document_key AND c.status = 'active'
            ORDER BY a.id DESC LIMIT 1;
        END;

        CREATE TRIGGER current_targets_on_consignment AFTER UPDATE OF current_version, status ON consignments BEGIN
            DELETE FROM current_targets WHERE version_id IN (SELECT id FROM consignment_versions WHERE document_key = NEW.document_key);
            INSERT INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge, document_key)
            SELECT v.id, a.id, CASE a.lane WHEN 'Red' THEN 2 WHEN 'Yellow' THEN 1 ELSE 0 END, a.score,
                   COALESCE(v.arrival_ticks, 9223372036854775807), v.discharge, v.document_key
            FROM assessments a JOIN consignment_versions v ON v.document_key = a.document_key AND v.version = a.consignment_version
            WHERE NEW.status = 'active' AND a.document_key = NEW.document_key AND a.consignment_version = NEW.current_version
            ORDER BY a.id DESC LIMIT 1;
        END;
        """,
        """
        -- Dictionaries that consignment bodies and platform orders are packed with, each learned from the store's own
        -- records of its kind (Messages/PackingDictionaries.cs). A packed record names the row of its dictionary, so a row
        -- is never changed or deleted while the store lives.
        CREATE TABLE packing_dictionaries (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('consignment-body', 'platform-order')),
            learned_at TEXT NOT NULL,
            samples INTEGER NOT NULL,
            bytes BLOB NOT NULL
        );
        """,
        // A statement that fires a trigger may stop halfway, so SQLite journals every page it changes, in memory, to undo
        // the statement alone: each version stored copied the pages of its indexes, about a fifth of the writer's time in
        // a bulk intake. The version's insert now adds it to the pending list itself (Messages/SqliteMessageStore.cs).
        """
        DROP TRIGGER pending_on_version;
        """,
        // The same for an assessment's insert: the save that inserts it takes its version off the pending list and puts it in
        // the worklist (Assessments/AssessmentLists.cs); the triggers on an assessment's delete stay.
        """
        DROP TRIGGER pending_on_assessment;
        DROP TRIGGER current_targets_on_assessment;
        """,
    ];

    public static void Apply(SqliteConnection connection)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version))");
        using var transaction = connection.BeginTransaction();
        var applied = CurrentVersion(connection, transaction);
        if (applied > Steps.Length)
        {
            throw new InvalidOperationException($"The store's schema is at version {applied}, newer than this OpenCTS knows ({Steps.Length}); use a newer OpenCTS.");
        }
        for (var version = applied + 1; version <= Steps.Length; version++)
        {
            Execute(connection, transaction, Steps[version - 1]);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (component, version, applied_at) VALUES ($c, $v, $t)";
            record.Parameters.AddWithValue("$c", Component);
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public static int LatestVersion => Steps.Length;

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = $c";
        command.Parameters.AddWithValue("$c", Component);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
