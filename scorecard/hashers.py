from django.contrib.auth.hashers import Argon2PasswordHasher


class CouncilArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).

    Django's defaults (100 MiB, 8 lanes) take about 0.2 s of both cores here for every sign-in, so a morning's
    sign-ins stall every page; these stay memory-hard at a tenth of the cost. The parameters are stored in each
    hash, so hashes made with other parameters still verify and are upgraded at the next sign-in.
    """

    memory_cost = 19 * 1024
    time_cost = 2
    parallelism = 1
