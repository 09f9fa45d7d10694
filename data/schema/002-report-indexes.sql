-- redress schema version 2: indexes for reports and the Ombudsman's orders (issue 7).
-- A report counts what happened in a period: each figure is a range of one instant or
-- date column, and the columns it counts ride along in the index, so a month's figures
-- read a month of index entries and a ten-year report reads small indexes rather than
-- whole tables (bench/README.md has the figures).

DROP INDEX complaint_received;
CREATE INDEX complaint_received ON complaint (received_at, kind, channel, category, exclusion_code);

CREATE INDEX stage_requested ON stage (requested_at, number, declined_at, complaint_id);
CREATE INDEX stage_acknowledged ON stage (acknowledged_at, number, ack_due);
CREATE INDEX stage_responded ON stage (responded_at, number, response_due, extended_to, extension_limit,
                                       decision, complaint_id);
CREATE INDEX stage_extension_told ON stage (extension_told_at, number);
-- Led by the stage number: stage 2's requests and refusals. Not by declined_at, so that
-- 'not declined' (nearly every stage) never looks like a narrow search to a planner
-- without statistics.
CREATE INDEX stage_by_number ON stage (number, declined_at, requested_at, complaint_id);

CREATE INDEX remedy_created ON remedy (created_at, kind, amount_pence);
CREATE INDEX remedy_done ON remedy (done_on, amount_pence);

CREATE INDEX survey_sent ON survey (sent_on);
CREATE INDEX survey_answered ON survey (answered_on, satisfied);

CREATE INDEX learning_recorded ON learning (recorded_at);

-- Each referral counts its orders; each order is found from its referral.
CREATE INDEX ombudsman_order_referral ON ombudsman_order (referral_id);
CREATE INDEX ombudsman_referral_complaint ON ombudsman_referral (complaint_id);
