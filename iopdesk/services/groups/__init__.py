"""Groups: therapy groups and their rosters.

Use cases by module:

- ``roster``: Group rosters: rolling membership with start and end dates, capacity and double
  membership.
  use cases: roster_on, group_roster, client_memberships, add_member, end_membership,
  clients_to_add
- ``setup``: Therapy groups: name, type, track, topic, room, capacity and facilitators.
  use cases: create_group, edit_group, list_groups, group_detail, group_sessions
"""
