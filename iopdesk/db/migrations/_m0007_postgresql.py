"""Step 7 on PostgreSQL: the statements the v7 release ran, as text (frozen: never edit)."""

STATEMENTS: tuple[str, ...] = (
    'CREATE TABLE "staff" ("id" SERIAL NOT NULL PRIMARY KEY, "username" VARCHAR(60) NOT NULL, '
    '"full_name" VARCHAR(200) NOT NULL, "credentials" VARCHAR(80) NOT NULL, '
    '"role" VARCHAR(20) NOT NULL, "is_supervisor" BOOLEAN NOT NULL, '
    '"password_hash" VARCHAR(255) NOT NULL, "must_change_password" BOOLEAN NOT NULL, '
    '"active" BOOLEAN NOT NULL, "failed_attempts" INTEGER NOT NULL, "locked_until" TIMESTAMP, '
    '"created_at" TIMESTAMP NOT NULL)',
    'CREATE UNIQUE INDEX "staff_username" ON "staff" ("username")',
    'CREATE INDEX "staff_role" ON "staff" ("role")',
    'CREATE TABLE "client" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"record_number" VARCHAR(20) NOT NULL, "legal_first_name" VARCHAR(100) NOT NULL, '
    '"legal_last_name" VARCHAR(100) NOT NULL, "preferred_name" VARCHAR(100) NOT NULL, '
    '"pronouns" VARCHAR(40) NOT NULL, "date_of_birth" DATE NOT NULL, "sex" VARCHAR(20) NOT NULL, '
    '"phone" VARCHAR(40) NOT NULL, "email" VARCHAR(200) NOT NULL, "address" TEXT NOT NULL, '
    '"status" VARCHAR(20) NOT NULL, "counselor_id" INTEGER, "search_text" TEXT NOT NULL, '
    '"safety_flag" TEXT NOT NULL, "created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("counselor_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "client_record_number" ON "client" ("record_number")',
    'CREATE INDEX "client_status" ON "client" ("status")',
    'CREATE INDEX "client_counselor_id" ON "client" ("counselor_id")',
    'CREATE INDEX "client_search_text" ON "client" ("search_text")',
    'CREATE INDEX "client_legal_last_name_legal_first_name" ON "client" ("legal_last_name", '
    '"legal_first_name")',
    'CREATE TABLE "audit_event" ("id" SERIAL NOT NULL PRIMARY KEY, "at" TIMESTAMP NOT NULL, '
    '"staff_id" INTEGER, "username" VARCHAR(60) NOT NULL, "action" VARCHAR(80) NOT NULL, '
    '"kind" VARCHAR(10) NOT NULL, "outcome" VARCHAR(10) NOT NULL, "client_id" INTEGER, '
    '"record_type" VARCHAR(60) NOT NULL, "record_id" VARCHAR(40) NOT NULL, '
    '"detail" TEXT NOT NULL, '
    'FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "audit_event_at" ON "audit_event" ("at")',
    'CREATE INDEX "audit_event_staff_id" ON "audit_event" ("staff_id")',
    'CREATE INDEX "audit_event_action" ON "audit_event" ("action")',
    'CREATE INDEX "audit_event_client_id" ON "audit_event" ("client_id")',
    'CREATE INDEX "audit_event_client_id_at" ON "audit_event" ("client_id", "at")',
    'CREATE INDEX "audit_event_staff_id_at" ON "audit_event" ("staff_id", "at")',
    'CREATE TABLE "clinic" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(200) NOT NULL, '
    '"address" TEXT NOT NULL, "phone" VARCHAR(40) NOT NULL, "program_type" VARCHAR(20) NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL)',
    'CREATE TABLE "draft" ("id" SERIAL NOT NULL PRIMARY KEY, "staff_id" INTEGER NOT NULL, '
    '"key" VARCHAR(120) NOT NULL, "payload" TEXT NOT NULL, "updated_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "draft_staff_id" ON "draft" ("staff_id")',
    'CREATE UNIQUE INDEX "draft_staff_id_key" ON "draft" ("staff_id", "key")',
    'CREATE TABLE "episode" ("id" SERIAL NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, '
    '"number" INTEGER NOT NULL, "status" VARCHAR(20) NOT NULL, "program" VARCHAR(20) NOT NULL, '
    '"level_of_care" VARCHAR(80) NOT NULL, "counselor_id" INTEGER, "referral_date" DATE, '
    '"referral_source" VARCHAR(200) NOT NULL, "referral_reason" TEXT NOT NULL, '
    '"admission_date" DATE, "discharge_date" DATE, "created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("counselor_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "episode_client_id" ON "episode" ("client_id")',
    'CREATE INDEX "episode_status" ON "episode" ("status")',
    'CREATE INDEX "episode_counselor_id" ON "episode" ("counselor_id")',
    'CREATE UNIQUE INDEX "episode_client_id_number" ON "episode" ("client_id", "number")',
    'CREATE TABLE "setting" ("key" VARCHAR(80) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'The "
    "audit trail is append-only.'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW "
    "EXECUTE FUNCTION audit_event_append_only()",
    'CREATE TABLE "client_search_token" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"client_id" INTEGER NOT NULL, "token" VARCHAR(120) NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "client_search_token_client_id" ON "client_search_token" ("client_id")',
    'CREATE INDEX "client_search_token_token_client_id" ON "client_search_token" ("token", '
    '"client_id")',
    'CREATE TABLE "consent" ("id" SERIAL NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, '
    '"kind" VARCHAR(20) NOT NULL, "discloser" VARCHAR(300) NOT NULL, "information" TEXT NOT NULL, '
    '"recipients" TEXT NOT NULL, "purpose" TEXT NOT NULL, "revocation_text" TEXT NOT NULL, '
    '"expires_on" DATE, "expiry_event" VARCHAR(300) NOT NULL, "client_signed" BOOLEAN NOT NULL, '
    '"signed_on" DATE NOT NULL, "note" TEXT NOT NULL, "revoked_on" DATE, '
    '"revoked_reason" TEXT NOT NULL, "created_by_id" INTEGER NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("created_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "consent_client_id" ON "consent" ("client_id")',
    'CREATE INDEX "consent_kind" ON "consent" ("kind")',
    'CREATE INDEX "consent_created_by_id" ON "consent" ("created_by_id")',
    'CREATE TABLE "disclosure" ("id" SERIAL NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, '
    '"consent_id" INTEGER NOT NULL, "document" VARCHAR(300) NOT NULL, '
    '"recipient" VARCHAR(300) NOT NULL, "purpose" TEXT NOT NULL, "at" TIMESTAMP NOT NULL, '
    '"by_id" INTEGER NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("consent_id") REFERENCES "consent" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "disclosure_client_id" ON "disclosure" ("client_id")',
    'CREATE INDEX "disclosure_consent_id" ON "disclosure" ("consent_id")',
    'CREATE INDEX "disclosure_by_id" ON "disclosure" ("by_id")',
    'CREATE INDEX "disclosure_client_id_at" ON "disclosure" ("client_id", "at")',
    'CREATE TABLE "emergency_contact" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"client_id" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, '
    '"relationship" VARCHAR(100) NOT NULL, "phone" VARCHAR(40) NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "emergency_contact_client_id" ON "emergency_contact" ("client_id")',
    'CREATE TABLE "insurance" ("id" SERIAL NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, '
    '"payer" VARCHAR(200) NOT NULL, "member_number" VARCHAR(60) NOT NULL, '
    '"group_number" VARCHAR(60) NOT NULL, "authorization_number" VARCHAR(60) NOT NULL, '
    '"auth_start" DATE, "auth_end" DATE, "authorized_hours" INTEGER, "active" BOOLEAN NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "insurance_client_id" ON "insurance" ("client_id")',
    'CREATE TABLE "intake_assessment" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"client_id" INTEGER NOT NULL, "episode_id" INTEGER NOT NULL, "status" VARCHAR(10) NOT NULL, '
    '"assessed_on" DATE NOT NULL, "sections" TEXT NOT NULL, "level_of_care" VARCHAR(80) NOT NULL, '
    '"rationale" TEXT NOT NULL, "justification" TEXT NOT NULL, "created_by_id" INTEGER NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, "updated_by_id" INTEGER, "updated_at" TIMESTAMP NOT NULL, '
    '"signed_by_id" INTEGER, "signed_at" TIMESTAMP, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("episode_id") REFERENCES "episode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("created_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("updated_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("signed_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "intake_assessment_client_id" ON "intake_assessment" ("client_id")',
    'CREATE INDEX "intake_assessment_episode_id" ON "intake_assessment" ("episode_id")',
    'CREATE INDEX "intake_assessment_status" ON "intake_assessment" ("status")',
    'CREATE INDEX "intake_assessment_created_by_id" ON "intake_assessment" ("created_by_id")',
    'CREATE INDEX "intake_assessment_updated_by_id" ON "intake_assessment" ("updated_by_id")',
    'CREATE INDEX "intake_assessment_signed_by_id" ON "intake_assessment" ("signed_by_id")',
    'CREATE INDEX "intake_assessment_client_id_created_at" ON "intake_assessment" ("client_id", '
    '"created_at")',
    'CREATE TABLE "asam_rating" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"assessment_id" INTEGER NOT NULL, "dimension" INTEGER NOT NULL, "rating" INTEGER, '
    '"narrative" TEXT NOT NULL, '
    'FOREIGN KEY ("assessment_id") REFERENCES "intake_assessment" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "asam_rating_assessment_id" ON "asam_rating" ("assessment_id")',
    'CREATE UNIQUE INDEX "asam_rating_assessment_id_dimension" ON "asam_rating" ("assessment_id", '
    '"dimension")',
    'CREATE TABLE "intake_addendum" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"assessment_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "written_by_id" INTEGER NOT NULL, '
    '"written_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("assessment_id") REFERENCES "intake_assessment" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("written_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "intake_addendum_assessment_id" ON "intake_addendum" ("assessment_id")',
    'CREATE INDEX "intake_addendum_written_by_id" ON "intake_addendum" ("written_by_id")',
    'CREATE TABLE "screening_result" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"client_id" INTEGER NOT NULL, "episode_id" INTEGER, "assessment_id" INTEGER, '
    '"code" VARCHAR(20) NOT NULL, "administered_on" DATE NOT NULL, "answers" TEXT NOT NULL, '
    '"total" INTEGER, "band" VARCHAR(120) NOT NULL, "complete" BOOLEAN NOT NULL, '
    '"flags" TEXT NOT NULL, "administered_by_id" INTEGER NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("episode_id") REFERENCES "episode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("assessment_id") REFERENCES "intake_assessment" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("administered_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "screening_result_client_id" ON "screening_result" ("client_id")',
    'CREATE INDEX "screening_result_episode_id" ON "screening_result" ("episode_id")',
    'CREATE INDEX "screening_result_assessment_id" ON "screening_result" ("assessment_id")',
    'CREATE INDEX "screening_result_administered_by_id" ON "screening_result" '
    '("administered_by_id")',
    'CREATE INDEX "screening_result_client_id_code_administered_on" ON "screening_result" '
    '("client_id", "code", "administered_on")',
    'CREATE INDEX "screening_result_assessment_id_code" ON "screening_result" ("assessment_id", '
    '"code")',
    'CREATE TABLE "safety_follow_up" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"client_id" INTEGER NOT NULL, "screening_id" INTEGER, "recorded_by_id" INTEGER NOT NULL, '
    '"recorded_at" TIMESTAMP NOT NULL, "note" TEXT NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("screening_id") REFERENCES "screening_result" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "safety_follow_up_client_id" ON "safety_follow_up" ("client_id")',
    'CREATE INDEX "safety_follow_up_screening_id" ON "safety_follow_up" ("screening_id")',
    'CREATE INDEX "safety_follow_up_recorded_by_id" ON "safety_follow_up" ("recorded_by_id")',
    'CREATE TABLE "substance_use" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"assessment_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, '
    '"substance" VARCHAR(200) NOT NULL, "age_first_use" INTEGER, '
    '"frequency" VARCHAR(80) NOT NULL, "route" VARCHAR(80) NOT NULL, '
    '"usual_amount" VARCHAR(200) NOT NULL, "last_use" DATE, '
    'FOREIGN KEY ("assessment_id") REFERENCES "intake_assessment" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "substance_use_assessment_id" ON "substance_use" ("assessment_id")',
    'CREATE TABLE "suitability_answer" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"assessment_id" INTEGER NOT NULL, "criterion" VARCHAR(40) NOT NULL, '
    '"answer" VARCHAR(3) NOT NULL, "note" TEXT NOT NULL, '
    'FOREIGN KEY ("assessment_id") REFERENCES "intake_assessment" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "suitability_answer_assessment_id" ON "suitability_answer" ("assessment_id")',
    'CREATE UNIQUE INDEX "suitability_answer_assessment_id_criterion" ON "suitability_answer" '
    '("assessment_id", "criterion")',
    'CREATE TABLE "closed_day" ("id" SERIAL NOT NULL PRIMARY KEY, "day" DATE NOT NULL, '
    '"name" VARCHAR(100) NOT NULL)',
    'CREATE UNIQUE INDEX "closed_day_day" ON "closed_day" ("day")',
    'CREATE TABLE "room" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(100) NOT NULL, '
    '"capacity" INTEGER NOT NULL, "active" BOOLEAN NOT NULL)',
    'CREATE UNIQUE INDEX "room_name" ON "room" ("name")',
    'CREATE TABLE "group" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(120) NOT NULL, '
    '"group_type" VARCHAR(10) NOT NULL, "track" VARCHAR(10) NOT NULL, "topic" TEXT NOT NULL, '
    '"capacity" INTEGER NOT NULL, "room_id" INTEGER, "active" BOOLEAN NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("room_id") REFERENCES "room" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "group_name" ON "group" ("name")',
    'CREATE INDEX "group_room_id" ON "group" ("room_id")',
    'CREATE TABLE "group_facilitator" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"group_id" INTEGER NOT NULL, "staff_id" INTEGER NOT NULL, '
    'FOREIGN KEY ("group_id") REFERENCES "group" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "group_facilitator_group_id" ON "group_facilitator" ("group_id")',
    'CREATE INDEX "group_facilitator_staff_id" ON "group_facilitator" ("staff_id")',
    'CREATE UNIQUE INDEX "group_facilitator_group_id_staff_id" ON "group_facilitator" '
    '("group_id", "staff_id")',
    'CREATE TABLE "roster_membership" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"group_id" INTEGER NOT NULL, "client_id" INTEGER NOT NULL, "start_date" DATE NOT NULL, '
    '"end_date" DATE, "end_reason" VARCHAR(300) NOT NULL, "created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("group_id") REFERENCES "group" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "roster_membership_group_id" ON "roster_membership" ("group_id")',
    'CREATE INDEX "roster_membership_client_id" ON "roster_membership" ("client_id")',
    'CREATE INDEX "roster_membership_group_id_start_date" ON "roster_membership" ("group_id", '
    '"start_date")',
    'CREATE INDEX "roster_membership_client_id_start_date" ON "roster_membership" ("client_id", '
    '"start_date")',
    'CREATE INDEX "roster_membership_group_id_end_date" ON "roster_membership" ("group_id", '
    '"end_date")',
    'CREATE TABLE "session_series" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"kind" VARCHAR(12) NOT NULL, "title" VARCHAR(200) NOT NULL, "group_id" INTEGER, '
    '"client_id" INTEGER, "counselor_id" INTEGER, "room_id" INTEGER, '
    '"weekdays" VARCHAR(20) NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, '
    '"first_date" DATE NOT NULL, "last_date" DATE, "horizon" DATE, "previous_id" INTEGER, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("group_id") REFERENCES "group" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("counselor_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("room_id") REFERENCES "room" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("previous_id") REFERENCES "session_series" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "session_series_group_id" ON "session_series" ("group_id")',
    'CREATE INDEX "session_series_client_id" ON "session_series" ("client_id")',
    'CREATE INDEX "session_series_counselor_id" ON "session_series" ("counselor_id")',
    'CREATE INDEX "session_series_room_id" ON "session_series" ("room_id")',
    'CREATE INDEX "session_series_previous_id" ON "session_series" ("previous_id")',
    'CREATE TABLE "session" ("id" SERIAL NOT NULL PRIMARY KEY, "series_id" INTEGER, '
    '"original_date" DATE, "day" DATE NOT NULL, "start_time" TIME NOT NULL, '
    '"end_time" TIME NOT NULL, "kind" VARCHAR(12) NOT NULL, "title" VARCHAR(200) NOT NULL, '
    '"group_id" INTEGER, "counselor_id" INTEGER, "room_id" INTEGER, '
    '"status" VARCHAR(12) NOT NULL, "cancel_reason" VARCHAR(300) NOT NULL, '
    '"moved" BOOLEAN NOT NULL, "conflict_reason" VARCHAR(300) NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("series_id") REFERENCES "session_series" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("group_id") REFERENCES "group" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("counselor_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("room_id") REFERENCES "room" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "session_series_id" ON "session" ("series_id")',
    'CREATE INDEX "session_day" ON "session" ("day")',
    'CREATE INDEX "session_group_id" ON "session" ("group_id")',
    'CREATE INDEX "session_counselor_id" ON "session" ("counselor_id")',
    'CREATE INDEX "session_room_id" ON "session" ("room_id")',
    'CREATE UNIQUE INDEX "session_series_id_original_date" ON "session" ("series_id", '
    '"original_date")',
    'CREATE INDEX "session_counselor_id_day" ON "session" ("counselor_id", "day")',
    'CREATE INDEX "session_room_id_day" ON "session" ("room_id", "day")',
    'CREATE INDEX "session_group_id_day" ON "session" ("group_id", "day")',
    'CREATE TABLE "session_client" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"session_id" INTEGER NOT NULL, "client_id" INTEGER NOT NULL, '
    'FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "session_client_session_id" ON "session_client" ("session_id")',
    'CREATE INDEX "session_client_client_id" ON "session_client" ("client_id")',
    'CREATE UNIQUE INDEX "session_client_session_id_client_id" ON "session_client" ("session_id", '
    '"client_id")',
    'CREATE INDEX "session_client_client_id_session_id" ON "session_client" ("client_id", '
    '"session_id")',
    'CREATE TABLE "attendance" ("id" SERIAL NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, '
    '"client_id" INTEGER NOT NULL, "status" VARCHAR(20) NOT NULL, "minutes" INTEGER NOT NULL, '
    '"guest" BOOLEAN NOT NULL, "recorded_by_id" INTEGER, "recorded_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "attendance_session_id" ON "attendance" ("session_id")',
    'CREATE INDEX "attendance_client_id" ON "attendance" ("client_id")',
    'CREATE INDEX "attendance_recorded_by_id" ON "attendance" ("recorded_by_id")',
    'CREATE UNIQUE INDEX "attendance_session_id_client_id" ON "attendance" ("session_id", '
    '"client_id")',
    'CREATE INDEX "attendance_client_id_session_id" ON "attendance" ("client_id", "session_id")',
    'CREATE TABLE "drug_test" ("id" SERIAL NOT NULL PRIMARY KEY, "client_id" INTEGER NOT NULL, '
    '"episode_id" INTEGER, "collected_on" DATE NOT NULL, "specimen" VARCHAR(20) NOT NULL, '
    '"observed" BOOLEAN NOT NULL, "panel" VARCHAR(120) NOT NULL, "notes" TEXT NOT NULL, '
    '"recorded_by_id" INTEGER NOT NULL, "recorded_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("episode_id") REFERENCES "episode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "drug_test_client_id" ON "drug_test" ("client_id")',
    'CREATE INDEX "drug_test_episode_id" ON "drug_test" ("episode_id")',
    'CREATE INDEX "drug_test_recorded_by_id" ON "drug_test" ("recorded_by_id")',
    'CREATE INDEX "drug_test_client_id_collected_on" ON "drug_test" ("client_id", "collected_on")',
    'CREATE TABLE "drug_test_result" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"test_id" INTEGER NOT NULL, "substance" VARCHAR(80) NOT NULL, "result" VARCHAR(10) NOT NULL, '
    '"explained_by_prescription" BOOLEAN NOT NULL, '
    'FOREIGN KEY ("test_id") REFERENCES "drug_test" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "drug_test_result_test_id" ON "drug_test_result" ("test_id")',
    'CREATE UNIQUE INDEX "drug_test_result_test_id_substance" ON "drug_test_result" ("test_id", '
    '"substance")',
    'CREATE TABLE "group_note" ("id" SERIAL NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, '
    '"topic" VARCHAR(200) NOT NULL, "content" TEXT NOT NULL, "author_id" INTEGER NOT NULL, '
    '"written_at" TIMESTAMP NOT NULL, "signed_by_id" INTEGER, "signed_at" TIMESTAMP, '
    'FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("author_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("signed_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "group_note_session_id" ON "group_note" ("session_id")',
    'CREATE INDEX "group_note_author_id" ON "group_note" ("author_id")',
    'CREATE INDEX "group_note_signed_by_id" ON "group_note" ("signed_by_id")',
    'CREATE TABLE "note_addendum" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"note_kind" VARCHAR(10) NOT NULL, "note_id" INTEGER NOT NULL, "text" TEXT NOT NULL, '
    '"by_id" INTEGER NOT NULL, "at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "note_addendum_by_id" ON "note_addendum" ("by_id")',
    'CREATE INDEX "note_addendum_note_kind_note_id" ON "note_addendum" ("note_kind", "note_id")',
    'CREATE TABLE "progress_note" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"session_id" INTEGER NOT NULL, "client_id" INTEGER NOT NULL, "format" VARCHAR(4) NOT NULL, '
    '"fields" TEXT NOT NULL, "objective_ids" TEXT NOT NULL, "author_id" INTEGER NOT NULL, '
    '"written_at" TIMESTAMP NOT NULL, "signed_by_id" INTEGER, "signed_at" TIMESTAMP, '
    'FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("author_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("signed_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "progress_note_session_id" ON "progress_note" ("session_id")',
    'CREATE INDEX "progress_note_client_id" ON "progress_note" ("client_id")',
    'CREATE INDEX "progress_note_author_id" ON "progress_note" ("author_id")',
    'CREATE INDEX "progress_note_signed_by_id" ON "progress_note" ("signed_by_id")',
    'CREATE UNIQUE INDEX "progress_note_session_id_client_id" ON "progress_note" ("session_id", '
    '"client_id")',
    'CREATE INDEX "progress_note_client_id_session_id" ON "progress_note" ("client_id", '
    '"session_id")',
    'CREATE TABLE "treatment_plan" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"client_id" INTEGER NOT NULL, "episode_id" INTEGER NOT NULL, "version" INTEGER NOT NULL, '
    '"status" VARCHAR(20) NOT NULL, "diagnosis" TEXT NOT NULL, "icd10_code" VARCHAR(20) NOT NULL, '
    '"level_of_care" VARCHAR(80) NOT NULL, "counselor_id" INTEGER, "start_date" DATE NOT NULL, '
    '"next_review_date" DATE NOT NULL, "previous_id" INTEGER, "created_by_id" INTEGER NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, "signed_at" TIMESTAMP, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("episode_id") REFERENCES "episode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("counselor_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("previous_id") REFERENCES "treatment_plan" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("created_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "treatment_plan_client_id" ON "treatment_plan" ("client_id")',
    'CREATE INDEX "treatment_plan_episode_id" ON "treatment_plan" ("episode_id")',
    'CREATE INDEX "treatment_plan_status" ON "treatment_plan" ("status")',
    'CREATE INDEX "treatment_plan_counselor_id" ON "treatment_plan" ("counselor_id")',
    'CREATE INDEX "treatment_plan_next_review_date" ON "treatment_plan" ("next_review_date")',
    'CREATE INDEX "treatment_plan_previous_id" ON "treatment_plan" ("previous_id")',
    'CREATE INDEX "treatment_plan_created_by_id" ON "treatment_plan" ("created_by_id")',
    'CREATE UNIQUE INDEX "treatment_plan_episode_id_version" ON "treatment_plan" ("episode_id", '
    '"version")',
    'CREATE INDEX "treatment_plan_client_id_version" ON "treatment_plan" ("client_id", "version")',
    'CREATE INDEX "treatment_plan_counselor_id_next_review_date" ON "treatment_plan" '
    '("counselor_id", "next_review_date")',
    'CREATE TABLE "problem" ("id" SERIAL NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "statement" TEXT NOT NULL, "asam_dimension" INTEGER, '
    'FOREIGN KEY ("plan_id") REFERENCES "treatment_plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "problem_plan_id" ON "problem" ("plan_id")',
    'CREATE INDEX "problem_plan_id_position" ON "problem" ("plan_id", "position")',
    'CREATE TABLE "goal" ("id" SERIAL NOT NULL PRIMARY KEY, "problem_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "text" TEXT NOT NULL, '
    'FOREIGN KEY ("problem_id") REFERENCES "problem" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "goal_problem_id" ON "goal" ("problem_id")',
    'CREATE INDEX "goal_problem_id_position" ON "goal" ("problem_id", "position")',
    'CREATE TABLE "objective" ("id" SERIAL NOT NULL PRIMARY KEY, "goal_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "text" TEXT NOT NULL, "target_date" DATE NOT NULL, '
    '"status" VARCHAR(20) NOT NULL, '
    'FOREIGN KEY ("goal_id") REFERENCES "goal" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "objective_goal_id" ON "objective" ("goal_id")',
    'CREATE INDEX "objective_goal_id_position" ON "objective" ("goal_id", "position")',
    'CREATE TABLE "intervention" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"objective_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, '
    '"modality" VARCHAR(20) NOT NULL, "approach" VARCHAR(40) NOT NULL, '
    '"description" TEXT NOT NULL, "frequency" VARCHAR(120) NOT NULL, "responsible_id" INTEGER, '
    'FOREIGN KEY ("objective_id") REFERENCES "objective" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("responsible_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "intervention_objective_id" ON "intervention" ("objective_id")',
    'CREATE INDEX "intervention_responsible_id" ON "intervention" ("responsible_id")',
    'CREATE INDEX "intervention_objective_id_position" ON "intervention" ("objective_id", '
    '"position")',
    'CREATE TABLE "library_item" ("id" SERIAL NOT NULL PRIMARY KEY, "kind" VARCHAR(20) NOT NULL, '
    '"text" TEXT NOT NULL, "fields" TEXT NOT NULL, "active" BOOLEAN NOT NULL, '
    '"created_by_id" INTEGER, "created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("created_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "library_item_kind" ON "library_item" ("kind")',
    'CREATE INDEX "library_item_created_by_id" ON "library_item" ("created_by_id")',
    'CREATE TABLE "plan_review" ("id" SERIAL NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL, '
    '"review_date" DATE NOT NULL, "progress" TEXT NOT NULL, "changes" TEXT NOT NULL, '
    '"by_id" INTEGER NOT NULL, "created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("plan_id") REFERENCES "treatment_plan" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "plan_review_plan_id" ON "plan_review" ("plan_id")',
    'CREATE INDEX "plan_review_by_id" ON "plan_review" ("by_id")',
    'CREATE INDEX "plan_review_plan_id_review_date" ON "plan_review" ("plan_id", "review_date")',
    'CREATE TABLE "plan_signature" ("id" SERIAL NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL, '
    '"role" VARCHAR(20) NOT NULL, "signer_id" INTEGER, "signer_name" VARCHAR(300) NOT NULL, '
    '"signed_on" DATE NOT NULL, "on_paper" BOOLEAN NOT NULL, "recorded_by_id" INTEGER NOT NULL, '
    '"recorded_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("plan_id") REFERENCES "treatment_plan" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("signer_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "plan_signature_plan_id" ON "plan_signature" ("plan_id")',
    'CREATE INDEX "plan_signature_signer_id" ON "plan_signature" ("signer_id")',
    'CREATE INDEX "plan_signature_recorded_by_id" ON "plan_signature" ("recorded_by_id")',
    'CREATE UNIQUE INDEX "plan_signature_plan_id_role" ON "plan_signature" ("plan_id", "role")',
    'CREATE TABLE "aftercare_plan" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"episode_id" INTEGER NOT NULL, "client_id" INTEGER NOT NULL, "status" VARCHAR(10) NOT NULL, '
    '"sober_living" TEXT NOT NULL, "mat_follow_up" TEXT NOT NULL, '
    '"vocational_referral" TEXT NOT NULL, "education_referral" TEXT NOT NULL, '
    '"housing_referral" TEXT NOT NULL, "triggers" TEXT NOT NULL, "warning_signs" TEXT NOT NULL, '
    '"coping_strategies" TEXT NOT NULL, "created_by_id" INTEGER NOT NULL, '
    '"updated_by_id" INTEGER NOT NULL, "created_at" TIMESTAMP NOT NULL, '
    '"updated_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("episode_id") REFERENCES "episode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("created_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("updated_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "aftercare_plan_episode_id" ON "aftercare_plan" ("episode_id")',
    'CREATE INDEX "aftercare_plan_client_id" ON "aftercare_plan" ("client_id")',
    'CREATE INDEX "aftercare_plan_created_by_id" ON "aftercare_plan" ("created_by_id")',
    'CREATE INDEX "aftercare_plan_updated_by_id" ON "aftercare_plan" ("updated_by_id")',
    'CREATE TABLE "aftercare_appointment" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"plan_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "provider" VARCHAR(200) NOT NULL, '
    '"address" TEXT NOT NULL, "phone" VARCHAR(40) NOT NULL, "day" DATE, "time" TIME, '
    'FOREIGN KEY ("plan_id") REFERENCES "aftercare_plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "aftercare_appointment_plan_id" ON "aftercare_appointment" ("plan_id")',
    'CREATE TABLE "discharge" ("id" SERIAL NOT NULL PRIMARY KEY, "episode_id" INTEGER NOT NULL, '
    '"client_id" INTEGER NOT NULL, "discharge_type" VARCHAR(30) NOT NULL, '
    '"discharge_date" DATE NOT NULL, "step_down_level" VARCHAR(200) NOT NULL, '
    '"condition_at_discharge" TEXT NOT NULL, "summary" TEXT NOT NULL, "facts" TEXT NOT NULL, '
    '"unsigned_notes_override" TEXT NOT NULL, "sessions_cancelled" INTEGER NOT NULL, '
    '"signed_by_id" INTEGER NOT NULL, "signed_at" TIMESTAMP NOT NULL, '
    '"created_by_id" INTEGER NOT NULL, "created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("episode_id") REFERENCES "episode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("signed_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("created_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "discharge_episode_id" ON "discharge" ("episode_id")',
    'CREATE INDEX "discharge_client_id" ON "discharge" ("client_id")',
    'CREATE INDEX "discharge_signed_by_id" ON "discharge" ("signed_by_id")',
    'CREATE INDEX "discharge_created_by_id" ON "discharge" ("created_by_id")',
    'CREATE TABLE "follow_up" ("id" SERIAL NOT NULL PRIMARY KEY, "episode_id" INTEGER NOT NULL, '
    '"client_id" INTEGER NOT NULL, "due_date" DATE NOT NULL, "kind" VARCHAR(10) NOT NULL, '
    '"done_on" DATE, "reached" BOOLEAN, "recovery_status" VARCHAR(20) NOT NULL, '
    '"engaged_in_care" BOOLEAN, "notes" TEXT NOT NULL, "recorded_by_id" INTEGER, '
    '"created_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("episode_id") REFERENCES "episode" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("client_id") REFERENCES "client" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("recorded_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "follow_up_episode_id" ON "follow_up" ("episode_id")',
    'CREATE INDEX "follow_up_client_id" ON "follow_up" ("client_id")',
    'CREATE INDEX "follow_up_due_date" ON "follow_up" ("due_date")',
    'CREATE INDEX "follow_up_recorded_by_id" ON "follow_up" ("recorded_by_id")',
    'CREATE INDEX "follow_up_done_on_due_date" ON "follow_up" ("done_on", "due_date")',
    'CREATE INDEX "follow_up_episode_id_due_date" ON "follow_up" ("episode_id", "due_date")',
    'CREATE TABLE "support_contact" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"plan_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, '
    '"relationship" VARCHAR(100) NOT NULL, "phone" VARCHAR(40) NOT NULL, '
    'FOREIGN KEY ("plan_id") REFERENCES "aftercare_plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "support_contact_plan_id" ON "support_contact" ("plan_id")',
    'CREATE TABLE "support_group" ("id" SERIAL NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "kind" VARCHAR(20) NOT NULL, "name" VARCHAR(200) NOT NULL, '
    '"meeting_day" VARCHAR(20) NOT NULL, "time" TIME, "place" TEXT NOT NULL, '
    'FOREIGN KEY ("plan_id") REFERENCES "aftercare_plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "support_group_plan_id" ON "support_group" ("plan_id")',
)
