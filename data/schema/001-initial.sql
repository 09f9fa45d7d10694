-- redress schema version 1.
-- Dates are 'YYYY-MM-DD' (the landlord's local calendar); instants are UTC
-- 'YYYY-MM-DDTHH:MM:SSZ'. Every table a user edits carries a version for the
-- "someone else saved first" check. Plain SQL, kept portable where it costs nothing.

CREATE TABLE meta (
   key   TEXT PRIMARY KEY,
   value TEXT NOT NULL
);

CREATE TABLE staff (
   id                   INTEGER PRIMARY KEY,
   login                TEXT NOT NULL UNIQUE,
   full_name            TEXT NOT NULL,
   team                 TEXT NOT NULL DEFAULT '',
   grade                INTEGER NOT NULL DEFAULT 1 CHECK (grade BETWEEN 1 AND 9),
   is_front_desk        INTEGER NOT NULL DEFAULT 0 CHECK (is_front_desk IN (0, 1)),
   is_handler           INTEGER NOT NULL DEFAULT 0 CHECK (is_handler IN (0, 1)),
   is_manager           INTEGER NOT NULL DEFAULT 0 CHECK (is_manager IN (0, 1)),
   is_admin             INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
   manages_team         TEXT NOT NULL DEFAULT '',
   complaints_trained_on TEXT,
   ombudsman_trained_on  TEXT,
   email                TEXT NOT NULL DEFAULT '',
   active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
   created_at           TEXT NOT NULL,
   version              INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE person (
   id                INTEGER PRIMARY KEY,
   kind              TEXT NOT NULL DEFAULT 'tenant' CHECK (kind IN ('tenant', 'leaseholder',
                        'shared-owner', 'former-tenant', 'member-of-public', 'stakeholder',
                        'representative')),
   name              TEXT NOT NULL,
   tenancy_ref       TEXT NOT NULL DEFAULT '',
   property          TEXT NOT NULL DEFAULT '',
   phone             TEXT NOT NULL DEFAULT '',
   email             TEXT NOT NULL DEFAULT '',
   address           TEXT NOT NULL DEFAULT '',
   preferred_contact TEXT NOT NULL DEFAULT '',
   vulnerabilities   TEXT NOT NULL DEFAULT '',
   tenancy_ended_on  TEXT,
   do_not_contact    TEXT NOT NULL DEFAULT '',
   anonymised_at     TEXT,
   created_at        TEXT NOT NULL,
   version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX person_name ON person (name COLLATE NOCASE);
CREATE INDEX person_tenancy ON person (tenancy_ref);

-- Search as you type at the counter: each word of a person's name, and their tenancy
-- reference, folded to lower-case ASCII (person.c says how), with the folded full name as
-- sort. A prefix typed is a range on person_key_lookup, read in the order results are
-- shown, so a search stops after the first screenful however many people match.
CREATE TABLE person_key (
   person_id INTEGER NOT NULL REFERENCES person (id),
   kind      TEXT NOT NULL CHECK (kind IN ('name', 'ref')),
   key       TEXT NOT NULL,
   sort      TEXT NOT NULL,
   PRIMARY KEY (person_id, kind, key)
);
CREATE INDEX person_key_lookup ON person_key (kind, key, sort, person_id);

CREATE TABLE adjustment (
   id        INTEGER PRIMARY KEY,
   person_id INTEGER NOT NULL REFERENCES person (id),
   kind      TEXT NOT NULL CHECK (kind IN ('large-print', 'audio', 'other-language', 'translator',
                'more-time', 'preferred-channel', 'easy-read', 'braille', 'other')),
   detail    TEXT NOT NULL,
   review_on TEXT NOT NULL,
   reviewed_on TEXT,
   ended_on  TEXT,
   created_at TEXT NOT NULL
);
CREATE INDEX adjustment_person ON adjustment (person_id);
CREATE INDEX adjustment_review ON adjustment (ended_on, review_on);

CREATE TABLE restriction (
   id          INTEGER PRIMARY KEY,
   person_id   INTEGER NOT NULL REFERENCES person (id),
   restricts   TEXT NOT NULL,
   reason      TEXT NOT NULL,
   approved_by TEXT NOT NULL,
   -- Head of Service or above (seed 002 4.2); approved_by holds the approver's name as given.
   approver_role TEXT NOT NULL CHECK (approver_role IN ('head-of-service', 'assistant-director',
                    'director', 'executive-director', 'chief-executive')),
   starts_on   TEXT NOT NULL,
   review_on   TEXT NOT NULL,
   ended_on    TEXT,
   recorded_by INTEGER REFERENCES staff (id),
   created_at  TEXT NOT NULL
);
CREATE INDEX restriction_person ON restriction (person_id);
CREATE INDEX restriction_review ON restriction (ended_on, review_on);

CREATE TABLE representative (
   id           INTEGER PRIMARY KEY,
   person_id    INTEGER NOT NULL REFERENCES person (id),
   name         TEXT NOT NULL,
   relationship TEXT NOT NULL CHECK (relationship IN ('family', 'advocate', 'councillor', 'mp',
                   'social-worker', 'solicitor', 'friend', 'other')),
   organisation TEXT NOT NULL DEFAULT '',
   phone        TEXT NOT NULL DEFAULT '',
   email        TEXT NOT NULL DEFAULT '',
   authority    TEXT NOT NULL,
   given_on     TEXT NOT NULL,
   created_at   TEXT NOT NULL
);
CREATE INDEX representative_person ON representative (person_id);

-- kind: how triage classed it. The stage rows carry the clocks.
CREATE TABLE complaint (
   id                  INTEGER PRIMARY KEY,
   ref                 TEXT NOT NULL UNIQUE,
   kind                TEXT NOT NULL DEFAULT 'untriaged' CHECK (kind IN ('untriaged', 'complaint',
                          'service-request', 'excluded', 'quick')),
   stage               INTEGER NOT NULL DEFAULT 1 CHECK (stage IN (1, 2)),
   person_id           INTEGER REFERENCES person (id),
   representative_id   INTEGER REFERENCES representative (id),
   channel             TEXT NOT NULL,
   received_at         TEXT NOT NULL,
   incident_on         TEXT,
   category            TEXT NOT NULL DEFAULT '',
   summary             TEXT NOT NULL,
   outcome_sought      TEXT NOT NULL DEFAULT '',
   anonymous           INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
   confidential        INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
   about_staff_id      INTEGER REFERENCES staff (id),
   about_team          TEXT NOT NULL DEFAULT '',
   exclusion_code      TEXT,
   exclusion_detail    TEXT,
   out_of_time         INTEGER NOT NULL DEFAULT 0 CHECK (out_of_time IN (0, 1)),
   accepted_late_reason TEXT,
   policy              TEXT NOT NULL,
   last_update_at      TEXT,
   closed_at           TEXT,
   close_reason        TEXT CHECK (close_reason IN ('resolved', 'no-contact', 'withdrawn', 'excluded',
                          'final-response', 'service-request-done', 'quick-resolution',
                          'escalation-declined')),
   close_note          TEXT,
   -- When redress retention removed the personal data of the closed case (NULL: not done).
   anonymised_at       TEXT,
   created_by          INTEGER REFERENCES staff (id),
   created_at          TEXT NOT NULL,
   updated_by          INTEGER REFERENCES staff (id),
   updated_at          TEXT NOT NULL,
   version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX complaint_open ON complaint (closed_at, kind);
CREATE INDEX complaint_person ON complaint (person_id);
CREATE INDEX complaint_received ON complaint (received_at);

CREATE TABLE stage (
   complaint_id      INTEGER NOT NULL REFERENCES complaint (id),
   number            INTEGER NOT NULL CHECK (number IN (1, 2)),
   start_on          TEXT NOT NULL,
   requested_at      TEXT NOT NULL,
   definition        TEXT,
   handler_id        INTEGER REFERENCES staff (id),
   acknowledged_at   TEXT,
   agreed_on         TEXT,
   ack_due           TEXT,
   response_due      TEXT,
   extension_limit   TEXT,
   extended_to       TEXT,
   extension_reason  TEXT,
   extension_told_at TEXT,
   responded_at      TEXT,
   decision          TEXT CHECK (decision IN ('upheld', 'partly-upheld', 'not-upheld')),
   reasons           TEXT,
   declined_at       TEXT,
   decline_reason    TEXT,
   late_request      INTEGER NOT NULL DEFAULT 0 CHECK (late_request IN (0, 1)),
   policy            TEXT NOT NULL,
   PRIMARY KEY (complaint_id, number)
);
CREATE INDEX stage_handler ON stage (handler_id);

CREATE TABLE complaint_member (
   complaint_id INTEGER NOT NULL REFERENCES complaint (id),
   person_id    INTEGER NOT NULL REFERENCES person (id),
   PRIMARY KEY (complaint_id, person_id)
);

CREATE TABLE complaint_link (
   from_id INTEGER NOT NULL REFERENCES complaint (id),
   to_id   INTEGER NOT NULL REFERENCES complaint (id),
   kind    TEXT NOT NULL CHECK (kind IN ('related', 'new-issue', 'same-matter')),
   PRIMARY KEY (from_id, to_id)
);

-- Declared conflicts of interest: the person may not handle the complaint (seed 001).
CREATE TABLE conflict (
   complaint_id INTEGER NOT NULL REFERENCES complaint (id),
   staff_id     INTEGER NOT NULL REFERENCES staff (id),
   reason       TEXT NOT NULL,
   declared_at  TEXT NOT NULL,
   PRIMARY KEY (complaint_id, staff_id)
);

CREATE TABLE contact (
   id           INTEGER PRIMARY KEY,
   complaint_id INTEGER NOT NULL REFERENCES complaint (id),
   at           TEXT NOT NULL,
   direction    TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note')),
   channel      TEXT NOT NULL,
   summary      TEXT NOT NULL,
   staff_id     INTEGER REFERENCES staff (id)
);
CREATE INDEX contact_complaint ON contact (complaint_id, at);

CREATE TABLE remedy (
   id           INTEGER PRIMARY KEY,
   complaint_id INTEGER NOT NULL REFERENCES complaint (id),
   stage        INTEGER NOT NULL CHECK (stage IN (1, 2)),
   kind         TEXT NOT NULL CHECK (kind IN ('apology', 'explanation', 'acknowledgement',
                   'action-on-delay', 'reconsidered-decision', 'corrected-record',
                   'financial-loss', 'goodwill', 'policy-change', 'other')),
   detail       TEXT NOT NULL,
   amount_pence INTEGER NOT NULL DEFAULT 0 CHECK (amount_pence >= 0),
   due_on       TEXT,
   done_on      TEXT,
   created_at   TEXT NOT NULL
);
CREATE INDEX remedy_complaint ON remedy (complaint_id);

CREATE TABLE action (
   id           INTEGER PRIMARY KEY,
   complaint_id INTEGER REFERENCES complaint (id),
   what         TEXT NOT NULL,
   owner_id     INTEGER NOT NULL REFERENCES staff (id),
   due_on       TEXT NOT NULL,
   source       TEXT NOT NULL DEFAULT 'response' CHECK (source IN ('response', 'ombudsman-order',
                   'hr-notice', 'remedy', 'other')),
   done_on      TEXT,
   created_at   TEXT NOT NULL,
   version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX action_open ON action (done_on, owner_id);
CREATE INDEX action_complaint ON action (complaint_id);

CREATE TABLE action_update (
   id        INTEGER PRIMARY KEY,
   action_id INTEGER NOT NULL REFERENCES action (id),
   at        TEXT NOT NULL,
   staff_id  INTEGER REFERENCES staff (id),
   text      TEXT NOT NULL
);
CREATE INDEX action_update_action ON action_update (action_id, at);

CREATE TABLE ombudsman_referral (
   id            INTEGER PRIMARY KEY,
   complaint_id  INTEGER NOT NULL REFERENCES complaint (id),
   referred_on   TEXT NOT NULL,
   their_ref     TEXT NOT NULL DEFAULT '',
   determination TEXT CHECK (determination IN ('no-maladministration', 'service-failure',
                    'maladministration', 'severe-maladministration', 'outside-jurisdiction',
                    'reasonable-redress', 'withdrawn')),
   determined_on TEXT,
   created_at    TEXT NOT NULL
);

CREATE TABLE ombudsman_order (
   id          INTEGER PRIMARY KEY,
   referral_id INTEGER NOT NULL REFERENCES ombudsman_referral (id),
   text        TEXT NOT NULL,
   due_on      TEXT NOT NULL,
   action_id   INTEGER NOT NULL REFERENCES action (id)
);

CREATE TABLE compliment (
   id              INTEGER PRIMARY KEY,
   received_at     TEXT NOT NULL,
   channel         TEXT NOT NULL,
   from_name       TEXT NOT NULL DEFAULT '',
   about_staff_id  INTEGER REFERENCES staff (id),
   about_team      TEXT NOT NULL DEFAULT '',
   summary         TEXT NOT NULL,
   acknowledged_on TEXT,
   passed_on_on    TEXT,
   created_at      TEXT NOT NULL
);
CREATE INDEX compliment_received ON compliment (received_at);

CREATE TABLE learning (
   id           INTEGER PRIMARY KEY,
   complaint_id INTEGER REFERENCES complaint (id),
   lesson       TEXT NOT NULL,
   improvement  TEXT NOT NULL DEFAULT '',
   recorded_at  TEXT NOT NULL,
   staff_id     INTEGER REFERENCES staff (id)
);

CREATE TABLE survey (
   complaint_id INTEGER PRIMARY KEY REFERENCES complaint (id),
   sent_on      TEXT,
   answered_on  TEXT,
   satisfied    INTEGER CHECK (satisfied IN (0, 1)),
   declined     INTEGER NOT NULL DEFAULT 0 CHECK (declined IN (0, 1))
);

CREATE TABLE letter (
   id           INTEGER PRIMARY KEY,
   complaint_id INTEGER REFERENCES complaint (id),
   kind         TEXT NOT NULL,
   path         TEXT NOT NULL,
   created_at   TEXT NOT NULL,
   staff_id     INTEGER REFERENCES staff (id)
);
-- The last correspondence of a case (survey timing) looks its letters up.
CREATE INDEX letter_complaint ON letter (complaint_id, created_at);

CREATE TABLE holiday (
   division TEXT NOT NULL CHECK (division IN ('england-and-wales', 'scotland', 'northern-ireland')),
   date     TEXT NOT NULL,
   title    TEXT NOT NULL,
   notes    TEXT NOT NULL DEFAULT '',
   PRIMARY KEY (division, date)
);

CREATE TABLE ref_counter (
   year INTEGER PRIMARY KEY,
   last INTEGER NOT NULL
);

-- Steps refused because the user's role does not allow them: nothing else changed, but
-- who tried what is kept (kept apart from the audit log, which records changes only).
CREATE TABLE refusal (
   id     INTEGER PRIMARY KEY,
   at     TEXT NOT NULL,
   actor  TEXT NOT NULL,
   doing  TEXT NOT NULL,
   reason TEXT NOT NULL
);

-- Who looked at or took away personal data: subject access exports of a person's records
-- and views of confidential cases (UK GDPR accountability). Kept apart from the audit log,
-- which records changes only; append-only like it. No personal data in detail: who the
-- data was about is the person and case numbers.
CREATE TABLE access_log (
   id           INTEGER PRIMARY KEY,
   at           TEXT NOT NULL,
   actor        TEXT NOT NULL,
   kind         TEXT NOT NULL CHECK (kind IN ('export', 'view')),
   person_id    INTEGER REFERENCES person (id),
   complaint_id INTEGER REFERENCES complaint (id),
   detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_person ON access_log (person_id, id);
CREATE INDEX access_log_complaint ON access_log (complaint_id, id);

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
   SELECT RAISE(ABORT, 'the access log cannot be changed');
END;

CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
   SELECT RAISE(ABORT, 'the access log cannot be changed');
END;

-- The audit log: append-only. Every committed change writes exactly one event.
CREATE TABLE event (
   id           INTEGER PRIMARY KEY,
   at           TEXT NOT NULL,
   actor        TEXT NOT NULL,
   complaint_id INTEGER REFERENCES complaint (id),
   entity       TEXT NOT NULL,
   entity_id    INTEGER,
   action       TEXT NOT NULL,
   detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_complaint ON event (complaint_id, id);
-- Who last changed a record, for the "changed by ... since you read it" refusal.
CREATE INDEX event_entity ON event (entity, entity_id, id);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
   SELECT RAISE(ABORT, 'audit events cannot be changed');
END;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
   SELECT RAISE(ABORT, 'audit events cannot be deleted');
END;
