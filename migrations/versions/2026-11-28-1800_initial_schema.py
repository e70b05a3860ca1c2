"""initial schema

Revision ID: 9cca5d6e05a6
Revises:
Create Date: 2026-11-28 18:00:38.122152
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9cca5d6e05a6"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "countries",
        sa.Column("alpha3", sa.String(length=3), nullable=False),
        sa.Column("alpha2", sa.String(length=2), nullable=False),
        sa.Column("numeric_code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("official_name", sa.Text(), nullable=True),
        sa.CheckConstraint("alpha2 ~ '^[A-Z]{2}$'", name=op.f("ck_countries_alpha2_format")),
        sa.CheckConstraint("alpha3 ~ '^[A-Z]{3}$'", name=op.f("ck_countries_alpha3_format")),
        sa.CheckConstraint("numeric_code ~ '^[0-9]{3}$'", name=op.f("ck_countries_numeric_format")),
        sa.PrimaryKeyConstraint("alpha3", name=op.f("pk_countries")),
        sa.UniqueConstraint("alpha2", name=op.f("uq_countries_alpha2")),
        sa.UniqueConstraint("numeric_code", name=op.f("uq_countries_numeric_code")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), server_default="press_release", nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), server_default="en", nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "loaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('press_release', 'statement', 'article', 'dataset')",
            name=op.f("ck_documents_kind"),
        ),
        sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name=op.f("ck_documents_sha256_format")),
        sa.CheckConstraint(
            "slug ~ '^[a-z0-9][a-z0-9._-]*$'", name=op.f("ck_documents_slug_format")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
        sa.UniqueConstraint("slug", name=op.f("uq_documents_slug")),
    )
    op.create_table(
        "country_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.alpha3"],
            name=op.f("fk_country_aliases_country_code_countries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country_aliases")),
        sa.UniqueConstraint("alias_key", name=op.f("uq_country_aliases_alias_key")),
    )
    op.create_index(
        op.f("ix_country_aliases_country_code"), "country_aliases", ["country_code"], unique=False
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=True),
        sa.ForeignKeyConstraint(
            ["country_code"], ["countries.alpha3"], name=op.f("fk_people_country_code_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("key", name=op.f("uq_people_key")),
    )
    op.create_index(op.f("ix_people_country_code"), "people", ["country_code"], unique=False)
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint("kind IN ('city', 'region')", name=op.f("ck_places_kind")),
        sa.ForeignKeyConstraint(
            ["country_code"], ["countries.alpha3"], name=op.f("fk_places_country_code_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint("country_code", "name", name=op.f("uq_places_country_code_name")),
    )
    op.create_index(op.f("ix_places_country_code"), "places", ["country_code"], unique=False)
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("country_a_code", sa.String(length=3), nullable=False),
        sa.Column("country_b_code", sa.String(length=3), nullable=False),
        sa.Column("flow", sa.String(length=16), nullable=False),
        sa.Column("value_usd", sa.Numeric(precision=20, scale=2), nullable=False),
        sa.Column("value_qualifier", sa.String(length=16), nullable=False),
        sa.Column("target_year", sa.SmallInteger(), nullable=True),
        sa.Column("set_by", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "flow IN ('turnover', 'export', 'import')", name=op.f("ck_targets_flow")
        ),
        sa.CheckConstraint(
            "value_qualifier IN ('exact', 'approximate', 'at_least', 'at_most')",
            name=op.f("ck_targets_value_qualifier"),
        ),
        sa.CheckConstraint(
            "char_start >= 0 AND char_end > char_start", name=op.f("ck_targets_evidence_span")
        ),
        sa.CheckConstraint("country_a_code < country_b_code", name=op.f("ck_targets_ordered_pair")),
        sa.CheckConstraint(
            "length(quote) = char_end - char_start", name=op.f("ck_targets_evidence_length")
        ),
        sa.CheckConstraint(
            "target_year BETWEEN 1900 AND 2200", name=op.f("ck_targets_target_year_range")
        ),
        sa.CheckConstraint("value_usd > 0", name=op.f("ck_targets_value_positive")),
        sa.ForeignKeyConstraint(
            ["country_a_code"],
            ["countries.alpha3"],
            name=op.f("fk_targets_country_a_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["country_b_code"],
            ["countries.alpha3"],
            name=op.f("fk_targets_country_b_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_targets_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_targets_document_id_key")),
    )
    op.create_index(op.f("ix_targets_country_a_code"), "targets", ["country_a_code"], unique=False)
    op.create_index(op.f("ix_targets_country_b_code"), "targets", ["country_b_code"], unique=False)
    op.create_index(op.f("ix_targets_document_id"), "targets", ["document_id"], unique=False)
    op.create_table(
        "turnover_periods",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("reporter_code", sa.String(length=3), nullable=False),
        sa.Column("partner_code", sa.String(length=3), nullable=False),
        sa.Column("flow", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_label", sa.Text(), nullable=False),
        sa.Column("period_inferred", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("amount", sa.Numeric(precision=20, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), server_default="USD", nullable=False),
        sa.Column("value_usd", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("value_qualifier", sa.String(length=16), nullable=False),
        sa.Column("growth_pct", sa.Numeric(precision=9, scale=3), nullable=True),
        sa.Column("growth_qualifier", sa.String(length=16), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(currency = 'USD') = (value_usd IS NOT NULL) AND (value_usd IS NULL OR value_usd = amount)",
            name=op.f("ck_turnover_periods_usd_value"),
        ),
        sa.CheckConstraint(
            "currency ~ '^[A-Z]{3}$'", name=op.f("ck_turnover_periods_currency_format")
        ),
        sa.CheckConstraint(
            "flow IN ('turnover', 'export', 'import')", name=op.f("ck_turnover_periods_flow")
        ),
        sa.CheckConstraint(
            "growth_qualifier IS NULL OR growth_qualifier IN ('exact', 'approximate', 'at_least', 'at_most')",
            name=op.f("ck_turnover_periods_growth_qualifier"),
        ),
        sa.CheckConstraint(
            "value_qualifier IN ('exact', 'approximate', 'at_least', 'at_most')",
            name=op.f("ck_turnover_periods_value_qualifier"),
        ),
        sa.CheckConstraint(
            "(growth_pct IS NULL) = (growth_qualifier IS NULL)",
            name=op.f("ck_turnover_periods_growth_has_qualifier"),
        ),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_turnover_periods_amount_not_negative")),
        sa.CheckConstraint(
            "char_start >= 0 AND char_end > char_start",
            name=op.f("ck_turnover_periods_evidence_span"),
        ),
        sa.CheckConstraint(
            "growth_pct > -100", name=op.f("ck_turnover_periods_growth_above_minus_100")
        ),
        sa.CheckConstraint(
            "length(quote) = char_end - char_start",
            name=op.f("ck_turnover_periods_evidence_length"),
        ),
        sa.CheckConstraint(
            "period_end >= period_start", name=op.f("ck_turnover_periods_period_order")
        ),
        sa.CheckConstraint(
            "reporter_code <> partner_code", name=op.f("ck_turnover_periods_two_countries")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_turnover_periods_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_code"],
            ["countries.alpha3"],
            name=op.f("fk_turnover_periods_partner_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["reporter_code"],
            ["countries.alpha3"],
            name=op.f("fk_turnover_periods_reporter_code_countries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turnover_periods")),
        sa.UniqueConstraint(
            "document_id",
            "reporter_code",
            "partner_code",
            "flow",
            "period_start",
            "period_end",
            name=op.f(
                "uq_turnover_periods_document_id_reporter_code_partner_code_flow_period_start_period_end"
            ),
        ),
    )
    op.create_index(
        op.f("ix_turnover_periods_document_id"), "turnover_periods", ["document_id"], unique=False
    )
    op.create_index(
        "ix_turnover_periods_pair_period",
        "turnover_periods",
        ["reporter_code", "partner_code", "period_start"],
        unique=False,
    )
    op.create_index(
        "ix_turnover_periods_partner_period",
        "turnover_periods",
        ["partner_code", "period_start"],
        unique=False,
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("date_inferred", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "char_start >= 0 AND char_end > char_start", name=op.f("ck_events_evidence_span")
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_events_date_order")),
        sa.CheckConstraint(
            "length(quote) = char_end - char_start", name=op.f("ck_events_evidence_length")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_events_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_events_document_id_key")),
    )
    op.create_index(op.f("ix_events_document_id"), "events", ["document_id"], unique=False)
    op.create_index(op.f("ix_events_place_id"), "events", ["place_id"], unique=False)
    op.create_table(
        "person_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_aliases_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_aliases")),
        sa.UniqueConstraint("alias_key", name=op.f("uq_person_aliases_alias_key")),
    )
    op.create_index(
        op.f("ix_person_aliases_person_id"), "person_aliases", ["person_id"], unique=False
    )
    op.create_table(
        "place_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
            name=op.f("fk_place_aliases_place_id_places"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_aliases")),
        sa.UniqueConstraint(
            "alias_key", "place_id", name=op.f("uq_place_aliases_alias_key_place_id")
        ),
    )
    op.create_index(op.f("ix_place_aliases_place_id"), "place_aliases", ["place_id"], unique=False)
    op.create_table(
        "positions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "char_start >= 0 AND char_end > char_start", name=op.f("ck_positions_evidence_span")
        ),
        sa.CheckConstraint(
            "length(quote) = char_end - char_start", name=op.f("ck_positions_evidence_length")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_positions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_positions_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positions")),
        sa.UniqueConstraint(
            "document_id",
            "person_id",
            "title",
            name=op.f("uq_positions_document_id_person_id_title"),
        ),
    )
    op.create_index(op.f("ix_positions_document_id"), "positions", ["document_id"], unique=False)
    op.create_index(op.f("ix_positions_person_id"), "positions", ["person_id"], unique=False)
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column(
            "signed_on_inferred", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("value_usd", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("value_qualifier", sa.String(length=16), nullable=True),
        sa.Column("document_count", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('commercial_contracts', 'protocol', 'memorandum', 'agreement', 'roadmap', 'other')",
            name=op.f("ck_agreements_kind"),
        ),
        sa.CheckConstraint(
            "value_qualifier IS NULL OR value_qualifier IN ('exact', 'approximate', 'at_least', 'at_most')",
            name=op.f("ck_agreements_value_qualifier"),
        ),
        sa.CheckConstraint(
            "(value_usd IS NULL) = (value_qualifier IS NULL)",
            name=op.f("ck_agreements_value_has_qualifier"),
        ),
        sa.CheckConstraint(
            "char_start >= 0 AND char_end > char_start", name=op.f("ck_agreements_evidence_span")
        ),
        sa.CheckConstraint(
            "document_count > 0", name=op.f("ck_agreements_document_count_positive")
        ),
        sa.CheckConstraint(
            "length(quote) = char_end - char_start", name=op.f("ck_agreements_evidence_length")
        ),
        sa.CheckConstraint("value_usd >= 0", name=op.f("ck_agreements_value_not_negative")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_agreements_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_agreements_event_id_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_agreements_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_agreements_document_id_key")),
    )
    op.create_index(op.f("ix_agreements_document_id"), "agreements", ["document_id"], unique=False)
    op.create_index(op.f("ix_agreements_event_id"), "agreements", ["event_id"], unique=False)
    op.create_index(op.f("ix_agreements_place_id"), "agreements", ["place_id"], unique=False)
    op.create_table(
        "event_attendees",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_attendees_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_event_attendees_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "person_id", name=op.f("pk_event_attendees")),
    )
    op.create_index(
        op.f("ix_event_attendees_person_id"), "event_attendees", ["person_id"], unique=False
    )
    op.create_table(
        "agreement_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_agreement_parties_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.alpha3"],
            name=op.f("fk_agreement_parties_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_agreement_parties_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_parties")),
    )
    op.create_index(
        op.f("ix_agreement_parties_agreement_id"),
        "agreement_parties",
        ["agreement_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_agreement_parties_country_code"),
        "agreement_parties",
        ["country_code"],
        unique=False,
    )
    op.create_table(
        "agreement_subjects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("hs_code", sa.String(length=10), nullable=True),
        sa.CheckConstraint(
            "hs_code ~ '^[0-9]{2}([0-9]{2}){0,4}$'",
            name=op.f("ck_agreement_subjects_hs_code_format"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_agreement_subjects_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_subjects")),
    )
    op.create_index(
        op.f("ix_agreement_subjects_agreement_id"),
        "agreement_subjects",
        ["agreement_id"],
        unique=False,
    )
    op.create_table(
        "signatories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("office", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "person_id IS NOT NULL OR office IS NOT NULL",
            name=op.f("ck_signatories_person_or_office"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_signatories_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.alpha3"],
            name=op.f("fk_signatories_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_signatories_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_signatories_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatories")),
    )
    op.create_index(
        op.f("ix_signatories_agreement_id"), "signatories", ["agreement_id"], unique=False
    )
    op.create_index(
        op.f("ix_signatories_country_code"), "signatories", ["country_code"], unique=False
    )
    op.create_index(op.f("ix_signatories_person_id"), "signatories", ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_signatories_person_id"), table_name="signatories")
    op.drop_index(op.f("ix_signatories_country_code"), table_name="signatories")
    op.drop_index(op.f("ix_signatories_agreement_id"), table_name="signatories")
    op.drop_table("signatories")
    op.drop_index(op.f("ix_agreement_subjects_agreement_id"), table_name="agreement_subjects")
    op.drop_table("agreement_subjects")
    op.drop_index(op.f("ix_agreement_parties_country_code"), table_name="agreement_parties")
    op.drop_index(op.f("ix_agreement_parties_agreement_id"), table_name="agreement_parties")
    op.drop_table("agreement_parties")
    op.drop_index(op.f("ix_event_attendees_person_id"), table_name="event_attendees")
    op.drop_table("event_attendees")
    op.drop_index(op.f("ix_agreements_place_id"), table_name="agreements")
    op.drop_index(op.f("ix_agreements_event_id"), table_name="agreements")
    op.drop_index(op.f("ix_agreements_document_id"), table_name="agreements")
    op.drop_table("agreements")
    op.drop_index(op.f("ix_positions_person_id"), table_name="positions")
    op.drop_index(op.f("ix_positions_document_id"), table_name="positions")
    op.drop_table("positions")
    op.drop_index(op.f("ix_place_aliases_place_id"), table_name="place_aliases")
    op.drop_table("place_aliases")
    op.drop_index(op.f("ix_person_aliases_person_id"), table_name="person_aliases")
    op.drop_table("person_aliases")
    op.drop_index(op.f("ix_events_place_id"), table_name="events")
    op.drop_index(op.f("ix_events_document_id"), table_name="events")
    op.drop_table("events")
    op.drop_index("ix_turnover_periods_partner_period", table_name="turnover_periods")
    op.drop_index("ix_turnover_periods_pair_period", table_name="turnover_periods")
    op.drop_index(op.f("ix_turnover_periods_document_id"), table_name="turnover_periods")
    op.drop_table("turnover_periods")
    op.drop_index(op.f("ix_targets_document_id"), table_name="targets")
    op.drop_index(op.f("ix_targets_country_b_code"), table_name="targets")
    op.drop_index(op.f("ix_targets_country_a_code"), table_name="targets")
    op.drop_table("targets")
    op.drop_index(op.f("ix_places_country_code"), table_name="places")
    op.drop_table("places")
    op.drop_index(op.f("ix_people_country_code"), table_name="people")
    op.drop_table("people")
    op.drop_index(op.f("ix_country_aliases_country_code"), table_name="country_aliases")
    op.drop_table("country_aliases")
    op.drop_table("documents")
    op.drop_table("countries")
