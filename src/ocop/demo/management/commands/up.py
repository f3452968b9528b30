import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ocop.accounts.domain.bootstrap import ADMIN_USERNAME, ensure_administrator
from ocop.common.i18n import compile_catalogues
from ocop.demo.loader import complete_demo, demo_loaded, load_demo
from ocop.evaluation.domain.rule_sets import load_builtin_rule_sets
from ocop.geo.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Prepare everything (database, reference and demo data, administrator) and serve on 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("OCOP_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("OCOP_WORKERS", "2")))
        parser.add_argument("--no-demo", action="store_true", help="do not load the Ninh Thuận demo data")
        parser.add_argument("--no-serve", action="store_true", help="prepare only, do not start the server")

    def step(self, message: str) -> None:
        self.stdout.write(f"» {message}")

    def handle(self, *args, bind, workers, no_demo, no_serve, **options):
        self.step("Dịch giao diện / translations")
        compile_catalogues()
        self.step("Cơ sở dữ liệu / database migrations")
        call_command("migrate", interactive=False, verbosity=0)
        self.step("Bộ quy định OCOP / OCOP rule sets")
        load_builtin_rule_sets()
        if not AdministrativeUnit.objects.exists():
            self.step("Đơn vị hành chính / administrative units (vietnam-provinces)")
            call_command("load_units", verbosity=0)
        self.step("Tệp tĩnh / static files")
        call_command("collectstatic", interactive=False, verbosity=0)
        admin = ensure_administrator()
        demo_password = None
        if not no_demo and not demo_loaded():
            self.step("Dữ liệu mẫu Ninh Thuận / Ninh Thuận demo data")
            demo_password = load_demo()
        elif demo_loaded():
            complete_demo()
        self.print_banner(bind, admin, demo_password)
        if not no_serve:
            self.serve(bind, workers)

    def print_banner(self, bind, admin, demo_password) -> None:
        url = f"http://{bind}/backoffice/"
        lines = ["", "=" * 72, f"  OCOP Platform đang chạy tại / is running at:  {url}"]
        if admin is not None:
            lines += [
                f"  Đăng nhập / log in:  {ADMIN_USERNAME}  /  {admin[1]}",
                "  (mật khẩu dùng một lần: đổi ngay khi đăng nhập lần đầu / one-time password)",
            ]
        else:
            lines += [
                f"  Tài khoản quản trị / administrator: {ADMIN_USERNAME} (mật khẩu đã in lần chạy đầu; "
                f"quên thì chạy: ocop reset_password {ADMIN_USERNAME})"
            ]
        if demo_password:
            lines += [
                f"  Tài khoản demo / demo accounts (mật khẩu / password: {demo_password}):",
                "    tinh.ocop, so.congthuong, huyen.ninhphuoc, xa.phuocthuan, xa.ninhphuoc, hoidong.01, tuvan.01,",
                "    hoidong.02–05, chuthe.thaian (chủ thể / producer)",
            ]
        lines += [f"  Dữ liệu / data: {settings.DATA_DIR}", "=" * 72, ""]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()

    def serve(self, bind: str, workers: int) -> None:
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "ocop.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        os.execvp(gunicorn[0], gunicorn)
