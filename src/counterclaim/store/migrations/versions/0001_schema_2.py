"""Schema version 2, the baseline: documents, attributions, entities, claims, links, pins.

Ledgers created before Alembic are brought to version 2 by ``store.engine.migrate`` and
stamped with this revision instead of running it.

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 21:31:15.530538

"""
import datetime as dt
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('document',
    sa.Column('id', sa.String(length=128), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('body_start', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('dateline_start', sa.Integer(), nullable=True),
    sa.Column('dateline_end', sa.Integer(), nullable=True),
    sa.Column('dateline_text', sa.Text(), nullable=True),
    sa.Column('header_start', sa.Integer(), nullable=True),
    sa.Column('header_end', sa.Integer(), nullable=True),
    sa.Column('header_text', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_ingested_at'), ['ingested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_publisher'), ['publisher'], unique=False)

    op.create_table('entity_pin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('a', sa.Text(), nullable=False),
    sa.Column('b', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('global_entity',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('side', sa.String(length=200), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('documents', sa.Integer(), nullable=False),
    sa.Column('geo', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('global_entity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_global_entity_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_global_entity_type'), ['type'], unique=False)

    op.create_table('schema_version',
    sa.Column('version', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )
    op.create_table('attribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('local_id', sa.Integer(), nullable=False),
    sa.Column('cue_start', sa.Integer(), nullable=False),
    sa.Column('cue_end', sa.Integer(), nullable=False),
    sa.Column('cue_text', sa.Text(), nullable=False),
    sa.Column('content_start', sa.Integer(), nullable=False),
    sa.Column('content_end', sa.Integer(), nullable=False),
    sa.Column('content_text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('stance', sa.String(length=16), nullable=False),
    sa.Column('source_start', sa.Integer(), nullable=True),
    sa.Column('source_end', sa.Integer(), nullable=True),
    sa.Column('source_text', sa.Text(), nullable=True),
    sa.Column('speaker', sa.String(length=200), nullable=True),
    sa.Column('speaker_name', sa.String(length=500), nullable=True),
    sa.Column('responds_to', sa.Integer(), nullable=True),
    sa.Column('chain', sa.JSON(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=True),
    sa.Column('recipient', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.Column('sentence_text', sa.Text(), nullable=True),
    sa.Column('confidence', sa.Double(), nullable=False),
    sa.Column('method', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['document.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('doc_id', 'local_id')
    )
    with op.batch_alter_table('attribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attribution_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attribution_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_attribution_speaker'), ['speaker'], unique=False)
        batch_op.create_index(batch_op.f('ix_attribution_speaker_name'), ['speaker_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_attribution_stance'), ['stance'], unique=False)

    op.create_table('claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('local_id', sa.Integer(), nullable=False),
    sa.Column('attribution', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Boolean(), nullable=False),
    sa.Column('modality', sa.String(length=16), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('count_low', sa.Integer(), nullable=True),
    sa.Column('count_best', sa.Integer(), nullable=True),
    sa.Column('count_high', sa.Integer(), nullable=True),
    sa.Column('count_approx', sa.Boolean(), nullable=True),
    sa.Column('count_text', sa.Text(), nullable=True),
    sa.Column('magnitude', sa.String(length=64), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('period', sa.String(length=64), nullable=True),
    sa.Column('period_start', sa.String(length=10), nullable=True),
    sa.Column('period_end', sa.String(length=10), nullable=True),
    sa.Column('evidence_start', sa.Integer(), nullable=True),
    sa.Column('evidence_end', sa.Integer(), nullable=True),
    sa.Column('evidence_text', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['document.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('doc_id', 'local_id')
    )
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index('ix_claim_type_start', ['type', 'period_start'], unique=False)

    op.create_table('entity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('mentions', sa.JSON(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('side', sa.String(length=200), nullable=True),
    sa.Column('geo', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['document.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('doc_id', 'key')
    )
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index('ix_entity_name', ['name'], unique=False)

    op.create_table('entity_link',
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('entity_key', sa.String(length=200), nullable=False),
    sa.Column('global_id', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['document.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['global_id'], ['global_entity.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc_id', 'entity_key')
    )
    with op.batch_alter_table('entity_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_link_global_id'), ['global_id'], unique=False)

    op.create_table('mention',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('span_text', sa.Text(), nullable=False),
    sa.Column('label', sa.String(length=32), nullable=False),
    sa.Column('entity_key', sa.String(length=200), nullable=True),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('antecedent', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['document.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('doc_id', 'position')
    )
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.create_index('ix_mention_doc_entity', ['doc_id', 'entity_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_mention_doc_id'), ['doc_id'], unique=False)

    op.create_table('chain_link',
    sa.Column('attribution_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['attribution_id'], ['attribution.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attribution_id', 'position')
    )
    with op.batch_alter_table('chain_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chain_link_name'), ['name'], unique=False)

    op.create_table('claim_arg',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('entity_key', sa.String(length=200), nullable=False),
    sa.Column('global_id', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'position')
    )
    with op.batch_alter_table('claim_arg', schema=None) as batch_op:
        batch_op.create_index('ix_claim_arg_doc_key', ['doc_id', 'entity_key'], unique=False)
        batch_op.create_index('ix_claim_arg_global_role', ['global_id', 'role'], unique=False)
    version = sa.table("schema_version", sa.column("version", sa.Integer),
                       sa.column("applied_at", sa.DateTime(timezone=True)))
    op.bulk_insert(version, [{"version": 2, "applied_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('claim_arg', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_arg_global_role')
        batch_op.drop_index('ix_claim_arg_doc_key')

    op.drop_table('claim_arg')
    with op.batch_alter_table('chain_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chain_link_name'))

    op.drop_table('chain_link')
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mention_doc_id'))
        batch_op.drop_index('ix_mention_doc_entity')

    op.drop_table('mention')
    with op.batch_alter_table('entity_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_link_global_id'))

    op.drop_table('entity_link')
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.drop_index('ix_entity_name')
        batch_op.drop_index(batch_op.f('ix_entity_doc_id'))

    op.drop_table('entity')
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.drop_index('ix_claim_type_start')
        batch_op.drop_index(batch_op.f('ix_claim_doc_id'))

    op.drop_table('claim')
    with op.batch_alter_table('attribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attribution_stance'))
        batch_op.drop_index(batch_op.f('ix_attribution_speaker_name'))
        batch_op.drop_index(batch_op.f('ix_attribution_speaker'))
        batch_op.drop_index(batch_op.f('ix_attribution_kind'))
        batch_op.drop_index(batch_op.f('ix_attribution_doc_id'))

    op.drop_table('attribution')
    op.drop_table('schema_version')
    with op.batch_alter_table('global_entity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_global_entity_type'))
        batch_op.drop_index(batch_op.f('ix_global_entity_name'))

    op.drop_table('global_entity')
    op.drop_table('entity_pin')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_publisher'))
        batch_op.drop_index(batch_op.f('ix_document_ingested_at'))
        batch_op.drop_index(batch_op.f('ix_document_date'))

    op.drop_table('document')
