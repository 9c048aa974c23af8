"""Reading roles from a token's groups (signin.accounts.roles_for), for what the provider tests do not send."""

from signin.accounts import roles_for


def test_groups_map_to_roles_and_others_are_ignored(settings):
    settings.OIDC_GROUP_ROLES = {"a": "Manager", "b": "Committee member"}
    assert roles_for({"sub": "s", "groups": ["a", "b", "c", {"not": "an id"}]}) == {"Manager", "Committee member"}
    assert roles_for({"sub": "s"}) == set()


def test_entra_ids_group_overage_is_logged_and_gives_no_role(settings, audit_log):
    # Past 200 groups Entra ID sends none, only a pointer to Microsoft Graph.
    settings.OIDC_GROUP_ROLES = {"a": "Manager"}
    claims = {"sub": "s", "_claim_names": {"groups": "src1"}, "_claim_sources": {"src1": {"endpoint": "x"}}}
    assert roles_for(claims) == set()
    assert any("too many groups" in r.getMessage() for r in audit_log.records)
