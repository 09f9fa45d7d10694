-- redress schema version 3: what opening a case reads, by the case (issue 7).
-- The case screen lists the lessons learned from the case; with no index on the case,
-- every lesson of the landlord was read to find them (15 ms of a 20 ms opening at 200,000
-- cases; bench/README.md).

CREATE INDEX learning_complaint ON learning (complaint_id);
