from tests.signin.oidc import oidc_provider, sso  # noqa: F401 (fixtures)
