"""Clients: registration and demographics, contacts and insurance, search, consents, the
releases of information and the disclosure log, family and collaterals, a client's progress
over an episode, the week and phase of the program they are in, level-of-care changes, and the
sobriety date.

Use cases by module:

- ``collateral_notes``: Collateral contact notes: drafted, signed (then frozen), addenda; a note
  that shares information logs the disclosure under the consent naming the collateral.
  use cases: save_collateral_note, delete_collateral_note, sign_collateral_note,
  add_collateral_addendum, collateral_notes
- ``collaterals``: Family members and other collaterals, and whether a consent allows contact.
  use cases: add_collateral, edit_collateral, list_collaterals, consent_choices
- ``consent_papers``: The printed consent to disclose (every 42 CFR 2.31 element) and the
  accounting of disclosures (42 CFR 2.25).
  use cases: print_consent_form, print_accounting
- ``consents``: Consents: to treatment, the confidentiality notice, 42 CFR 2.31 consents to
  disclose with the categories of information each covers.
  use cases: record_treatment_consent, record_notice_given, add_disclosure_consent,
  record_consent_categories, revoke_consent, list_consents, active_disclosure_consents
- ``contacts``: Emergency contacts and insurance: validated forms and the use cases that change
  them.
  use cases: add_emergency_contact, edit_emergency_contact, remove_emergency_contact,
  add_insurance, edit_insurance, emergency_contacts, insurances
- ``disclosures``: The disclosure log: a release checked against the consent and logged,
  disclosures by phone, fax or in person entered by hand, the log itself.
  use cases: record_disclosure, list_disclosures
- ``program_weeks``: The program's shape over time: the week a client is in, and the Today list
  of clients past the clinic's expected program length.
  use cases: clients_past_expected_length
- ``progress``: A client's progress at a glance: screenings, weekly hours, drug tests and plan
  reviews over one episode.
  use cases: client_progress, print_progress
- ``records``: Clients: registration with duplicate check, demographics, the chart header,
  episodes.
  use cases: register_client, find_possible_duplicates, edit_demographics, client_form,
  episodes, chart_header, header_summary
- ``releases``: Every client document printed as the client's own copy (audited, not a
  disclosure), for internal use, or released under a consent (checked, logged, long notice).
  use cases: release_document, print_for_client, print_document, preview_document,
  client_documents
- ``phases``: Program phases: a clinician records the client's move into one of the clinic's
  named phases, kept as a history; the chart header shows the current one.
  use cases: record_phase_change, phase_history
- ``level_of_care``: Level-of-care changes during an episode (step up, step down) with a
  justification and the ASAM dimensions re-rated; a transfer out goes through the discharge.
  use cases: check_level_change, record_level_change, level_history
- ``course``: The course of an episode in one list: its phases and level-of-care changes.
  use cases: episode_course
- ``sobriety``: Sobriety dates: set and reset by a clinician with their history, the chart
  header's line, and the week's milestones of a counselor's clients.
  use cases: set_sobriety_date, sobriety_history, sobriety_status, sobriety_milestones
- ``search``: The Clients list: search as you type over folded word prefixes, filters, sort,
  paging.
  use cases: list_clients, client_page
"""
