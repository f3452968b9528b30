import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ocop.accounts.domain.bodies import load_bodies
from ocop.accounts.domain.bootstrap import ADMIN_USERNAME, ensure_administrator
from ocop.common.addresses import site_url
from ocop.common.i18n import compile_catalogues
from ocop.demo.loader import complete_demo, demo_loaded, load_demo, refuse_in_production
from ocop.evaluation.domain.rule_sets import load_builtin_rule_sets
from ocop.geo.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Prepare everything (database, reference and demo data, administrator) and serve on 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.BIND, help="host:port to serve on (OCOP_BIND)")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("OCOP_WORKERS", "2")))
        parser.add_argument("--no-demo", action="store_true", help="do not load the Ninh Thuận demo data")
        parser.add_argument("--no-serve", action="store_true", help="prepare only, do not start the server")

    def step(self, message: str) -> None:
        self.stdout.write(f"» {message}")

    def handle(self, *args, bind, workers, no_demo, no_serve, **options):
        if not no_demo:
            refuse_in_production()
        # The server processes read OCOP_BIND: without OCOP_SITE_URL, their links and QR codes carry this address.
        os.environ["OCOP_BIND"] = bind
        settings.SITE_URL = site_url(os.environ.get("OCOP_SITE_URL", ""), bind)
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
        demo_password, new_accounts = None, ([], "")
        if not no_demo and not demo_loaded():
            self.step("Dữ liệu mẫu Ninh Thuận / Ninh Thuận demo data")
            demo_password = load_demo()
        elif demo_loaded():
            new_accounts = complete_demo()
        # The bodies of the 2025 reorganisation (a no-op when present), for the headings of official papers.
        load_bodies(province_code=settings.OCOP_PROVINCE_CODE)
        self.print_banner(admin, demo_password, new_accounts)
        if not no_serve:
            self.serve(bind, workers)

    def print_banner(self, admin, demo_password, new_accounts: tuple[list[str], str]) -> None:
        lines = [
            "",
            "=" * 72,
            f"  OCOP Platform đang chạy tại / is running at:  {settings.SITE_URL}/backoffice/",
            f"  Mã QR và liên kết công khai / QR codes and public links carry:  {settings.SITE_URL}",
            "  (đặt OCOP_SITE_URL nếu người dùng truy cập qua địa chỉ khác / set OCOP_SITE_URL for another address)",
        ]
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
                "    tinh.ocop, so.congthuong, huyen.ninhphuoc, xa.phuocthuan, xa.ninhphuoc,",
                "    xa.vinhhai (xã của chủ thể demo / the demo producer's commune),",
                "    hoidong.01 (chủ tịch / chair), hoidong.02 (thư ký / secretary), hoidong.03–05, tuvan.01 (tư vấn),",
                "    chuthe.thaian (chủ thể / producer), bo.vpdp (Bộ / Ministry coordination office)",
            ]
        added, added_password = new_accounts
        if added:
            lines.append(
                f"  Tài khoản demo mới / new demo accounts: {', '.join(added)} (mật khẩu / password: {added_password})"
            )
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
