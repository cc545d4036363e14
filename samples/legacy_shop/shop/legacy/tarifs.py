# -*- coding: latin-1 -*-
"""Grille tarifaire transporteurs (reprise de l'ancien site, 2017).

Les zones sont celles de La Poste. Ne pas modifier sans l'accord de la logistique.
"""

# Zone A : France métropolitaine, Zone B : Union européenne, Zone C : reste du monde
ZONES = {
    "FR": "A", "MC": "A",
    "BE": "B", "DE": "B", "ES": "B", "IT": "B", "LU": "B", "NL": "B", "PT": "B", "AT": "B",
    "CH": "C", "GB": "C", "US": "C", "CA": "C",
}

# poids maximum (g) -> prix TTC en euros ; barème 2017, revu en février
TARIFS = {
    "A": [(250, 4.95), (500, 6.70), (1000, 8.10), (2000, 9.35), (5000, 14.35), (10000, 21.10)],
    "B": [(500, 12.50), (1000, 15.20), (2000, 17.20), (5000, 22.15), (10000, 36.25)],
    "C": [(500, 22.50), (1000, 25.20), (2000, 35.00), (5000, 52.00)],
}

SUPPLEMENT_CORSE = 2.50  # supplément Corse / îles


def zone_pour_pays(pays):
    """Renvoie la zone tarifaire d'un pays (code ISO à 2 lettres)."""
    return ZONES.get((pays or "FR").upper(), "C")


def calcul_frais_port(pays, poids_g, code_postal=None):
    """Frais de port TTC ; None si le colis est trop lourd pour la zone."""
    zone = zone_pour_pays(pays)
    for poids_max, prix in TARIFS[zone]:
        if poids_g <= poids_max:
            if code_postal and code_postal[:2] in ("20", "2A", "2B"):
                prix += SUPPLEMENT_CORSE  # Corse
            return round(prix, 2)
    return None


def libelle_zone(zone):
    return {"A": u"France métropolitaine", "B": u"Union européenne", "C": u"Monde"}[zone]
