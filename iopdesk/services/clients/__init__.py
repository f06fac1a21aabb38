"""Clients: registration and demographics, contacts and insurance, search, consents, family and
collaterals.

Use cases by module:

- ``collateral_notes``: Collateral contact notes: drafted, signed (then frozen), addenda; a note
  that shares information logs the disclosure under the consent naming the collateral.
  use cases: save_collateral_note, delete_collateral_note, sign_collateral_note,
  add_collateral_addendum, collateral_notes
- ``collaterals``: Family members and other collaterals, and whether a consent allows contact.
  use cases: add_collateral, edit_collateral, list_collaterals, consent_choices
- ``consents``: Consents: to treatment, the confidentiality notice, 42 CFR 2.31 disclosures, and
  their log.
  use cases: record_treatment_consent, record_notice_given, add_disclosure_consent,
  revoke_consent, list_consents, active_disclosure_consents, list_disclosures
- ``contacts``: Emergency contacts and insurance: validated forms and the use cases that change
  them.
  use cases: add_emergency_contact, edit_emergency_contact, remove_emergency_contact,
  add_insurance, edit_insurance, emergency_contacts, insurances
- ``records``: Clients: registration with duplicate check, demographics, the chart header,
  episodes.
  use cases: register_client, find_possible_duplicates, edit_demographics, client_form,
  episodes, chart_header, header_summary
- ``search``: The Clients list: search as you type over folded word prefixes, filters, sort,
  paging.
  use cases: list_clients, client_count
"""
