"""`tradestat keys`: create, revoke and list API keys."""

import asyncio

import typer
from rich.console import Console
from rich.table import Table

from app.auth.keys import ApiKeyError, create_key, list_keys, revoke_key
from app.config import get_settings
from app.db.engine import transaction

keys_cli = typer.Typer(help="API keys for the write endpoints.", no_args_is_help=True)
console = Console(stderr=True)


@keys_cli.command("create")
def create(name: str = typer.Option(..., "--name", help="A name to revoke it by.")) -> None:
    """Make a key and print it; it is shown this once and stored only as a hash."""

    async def work() -> str:
        async with transaction(get_settings()) as session:
            return await create_key(session, name)

    try:
        key = asyncio.run(work())
    except ApiKeyError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"key [bold]{name}[/bold] created; it will not be shown again:")
    print(key)


@keys_cli.command("revoke")
def revoke(name: str = typer.Argument(help="Name of the key.")) -> None:
    """Revoke a key at once; requests with it get 403."""

    async def work() -> None:
        async with transaction(get_settings()) as session:
            await revoke_key(session, name)

    try:
        asyncio.run(work())
    except ApiKeyError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"key [bold]{name}[/bold] revoked")


@keys_cli.command("list")
def list_() -> None:
    """Every key by name, with its first characters and state."""

    async def work() -> Table:
        async with transaction(get_settings()) as session:
            keys = await list_keys(session)
        table = Table("name", "starts with", "created", "revoked")
        for key in keys:
            revoked = key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else ""
            table.add_row(
                key.name, key.prefix, key.created_at.isoformat(timespec="seconds"), revoked
            )
        return table

    Console().print(asyncio.run(work()))
