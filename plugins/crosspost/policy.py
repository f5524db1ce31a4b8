"""What to do about each remote error, and what to tell the officer (in Vietnamese).

Kinds of decision:
    RETRY      transient: try again in this run, a bounded number of times
    UNKNOWN    the answer is not the API's (gateway page): the post may exist
    DEFER      rate limited: stop this channel for the run, try on the next run
    STOP       token, permission or account problem: stop the channel, the officer acts
    REJECT     this post was refused for its content: no retry until it changes
    LATER      this post failed; the next run tries again, the officer should look
    DUPLICATE  the platform already has this post: mark it done
"""

from __future__ import annotations

from dataclasses import dataclass

from .channels.http import ApiError

RETRY, UNKNOWN, DEFER, STOP, REJECT, LATER, DUPLICATE = (
    "retry",
    "unknown",
    "defer",
    "stop",
    "reject",
    "later",
    "duplicate",
)

RECONNECT_FACEBOOK = (
    "Cần kết nối lại Facebook: mã truy cập của Trang đã hết hạn hoặc bị thu hồi "
    "(đổi mật khẩu, mất quyền quản trị). Hãy lấy mã Trang mới và đặt lại biến môi trường "
    "FACEBOOK_PAGE_ACCESS_TOKEN, rồi chạy lại make crosspost."
)
PERMISSION_FACEBOOK = (
    "Facebook từ chối vì thiếu quyền đăng bài (pages_manage_posts). Người quản trị Trang "
    "cần cấp lại quyền cho ứng dụng, lấy mã mới và đặt lại FACEBOOK_PAGE_ACCESS_TOKEN."
)
BLOCKED_FACEBOOK = (
    "Facebook tạm chặn việc đăng bài của Trang (vi phạm chính sách, mã 368). Không tự thử "
    "lại. Hãy vào Trang kiểm tra thông báo của Facebook, chờ hết hạn chặn rồi chạy lại."
)
APP_SECRET_FACEBOOK = (
    "Ứng dụng Facebook đòi bằng chứng khoá bí mật (Require App Secret) nhưng khoá không đúng "
    "hoặc chưa đặt. Hãy đặt biến môi trường FACEBOOK_APP_SECRET bằng khoá bí mật của ứng "
    "dụng (Cài đặt > Cơ bản), rồi chạy lại."
)
PAGE_FACEBOOK = (
    "Facebook không tìm thấy Trang hoặc mã Trang không có quyền với Trang đó "
    "(mã {code}). Kiểm tra biến FACEBOOK_PAGE_ID và mã truy cập của Trang."
)
OUTDATED_FACEBOOK = (
    "Facebook từ chối yêu cầu vì phiên bản Graph API hoặc trường dữ liệu đã ngừng hỗ trợ "
    "(mã 12: {message}). Hãy cập nhật phần mềm hoặc đặt FACEBOOK_GRAPH_VERSION mới hơn."
)
TOKEN_REASONS = {
    458: "ứng dụng đã bị gỡ khỏi tài khoản",
    459: "tài khoản đang bị Facebook yêu cầu xác minh (checkpoint)",
    460: "mật khẩu tài khoản quản trị đã đổi",
    463: "mã đã hết hạn",
    464: "tài khoản chưa xác nhận",
    467: "mã không hợp lệ",
}
RECONNECT_ZALO_OA = (
    "Cần kết nối lại Zalo OA: không làm mới được mã truy cập. Hãy cấp quyền lại cho ứng dụng "
    "trên trang Zalo for Developers, đặt mã làm mới mới vào biến môi trường "
    "ZALO_OA_REFRESH_TOKEN (và ZALO_OA_ACCESS_TOKEN), rồi chạy lại make crosspost."
)
RECONNECT_ZALO_BOT = (
    "Zalo Bot từ chối mã của bot. Hãy lấy lại mã trong Zalo Bot Manager và đặt lại biến "
    "môi trường ZALO_BOT_TOKEN."
)

_ZALO_STOP = {
    -202: "Zalo OA: chữ ký (MAC) không hợp lệ; kiểm tra ZALO_APP_ID và ZALO_APP_SECRET.",
    -204: "Zalo OA đã bị xoá.",
    -205: "Zalo OA không tồn tại; kiểm tra ZALO_APP_ID.",
    -207: "Zalo OA chưa liên kết với ứng dụng (bên thứ ba).",
    -209: "Zalo không hỗ trợ chức năng này cho OA.",
    -211: "Zalo OA đã hết hạn mức gửi tin trong kỳ; chờ kỳ sau hoặc nâng gói.",
    -212: "Chức năng nhắn tin nhóm chưa được đăng ký cho OA.",
    -215: "ZALO_APP_ID không đúng.",
    -221: "Zalo OA chưa được xác thực; cần xác thực OA với giấy tờ của Hội.",
    -224: "OA chưa đăng ký gói dịch vụ có nhắn tin nhóm (GMF); tin chưa được gửi. "
    "Hãy dán tin từ bộ Zalo (kit) trong khi chờ.",
    -320: "Ứng dụng cần liên kết tài khoản Zalo Business.",
    -321: "Tài khoản Zalo Business không đủ số dư.",
}


@dataclass
class Decision:
    kind: str
    message: str = ""  # for the officer, Vietnamese; empty when nothing to do
    pause_minutes: float = 0.0


def _reconnect(error: ApiError) -> str:
    reason = TOKEN_REASONS.get(error.subcode or 0)
    return RECONNECT_FACEBOOK + (f" (Lý do: {reason}.)" if reason else "")


def _invalid_parameter(error: ApiError) -> Decision:
    """Code 100 covers several causes; only the last one is about the post itself."""
    text = error.message.lower()
    if "appsecret_proof" in text:
        return Decision(STOP, APP_SECRET_FACEBOOK)
    if error.subcode == 33 or "does not exist" in text:
        return Decision(STOP, PAGE_FACEBOOK.format(code=100))
    return Decision(
        REJECT,
        f"Facebook từ chối một tham số của bài (mã 100: {error.message}). "
        "Kiểm tra đường dẫn và nội dung bài, sửa rồi dựng lại (make publish).",
    )


def _facebook(error: ApiError) -> Decision:
    code = error.code
    if code is None:
        if error.http_status >= 500 or error.raw:
            return Decision(UNKNOWN)
        return Decision(
            LATER, f"Facebook trả lời lạ (HTTP {error.http_status}); sẽ thử lại lần sau."
        )
    if code in (190, 102):
        return Decision(STOP, _reconnect(error))
    if code == 10 or 200 <= code <= 299:
        return Decision(STOP, PERMISSION_FACEBOOK)
    if code == 368:
        return Decision(STOP, BLOCKED_FACEBOOK)
    if code == 12:
        return Decision(STOP, OUTDATED_FACEBOOK.format(message=error.message))
    if code == 803:
        return Decision(STOP, PAGE_FACEBOOK.format(code=803))
    if code in (4, 17, 32, 341, 613, 80001):
        return Decision(DEFER, "", error.regain_minutes)
    if code in (1, 2) or error.transient:
        return Decision(RETRY)
    if code == 506:
        return Decision(DUPLICATE)
    if code == 1609005:
        return Decision(
            LATER,
            "Facebook không đọc được trang bài viết để tạo thẻ liên kết; "
            "kiểm tra bài đã lên mạng và có ảnh đại diện, lần sau sẽ thử lại.",
        )
    if code == 100:
        return _invalid_parameter(error)
    if error.http_status >= 500:
        return Decision(RETRY)
    return Decision(LATER, f"Facebook báo lỗi mã {code}: {error.message}; lần sau sẽ thử lại.")


def _zalo_oa(error: ApiError) -> Decision:
    code = error.code
    if error.channel == "zalo_oauth" or code == -216:
        return Decision(STOP, RECONNECT_ZALO_OA)
    if code is None:
        return Decision(
            UNKNOWN if error.http_status >= 500 or error.raw else LATER,
            f"Zalo OA trả lời lạ (HTTP {error.http_status}).",
        )
    if code in (-32, -218, -311):
        return Decision(DEFER)
    if code in (-201, -210, -233):
        return Decision(
            REJECT,
            f"Zalo OA từ chối tin (mã {code}: {error.message}); kiểm tra "
            "mã nhóm trong CROSSPOST['zalo_oa_groups'] và độ dài tin.",
        )
    if code in _ZALO_STOP:
        return Decision(STOP, _ZALO_STOP[code])
    return Decision(LATER, f"Zalo OA báo lỗi mã {code}: {error.message}; lần sau sẽ thử lại.")


def _zalo_bot(error: ApiError) -> Decision:
    code = error.code
    if code is None:
        return Decision(
            UNKNOWN if error.http_status >= 500 or error.raw else LATER,
            f"Zalo Bot trả lời lạ (HTTP {error.http_status}).",
        )
    if code in (401, 403):
        return Decision(STOP, RECONNECT_ZALO_BOT)
    if code == 429:
        return Decision(DEFER)
    if code == 400:
        return Decision(
            REJECT,
            f"Zalo Bot từ chối tin ({error.message}); kiểm tra mã nhóm "
            "trong CROSSPOST['zalo_bot_chats'] và độ dài tin.",
        )
    if code >= 500:
        return Decision(RETRY)
    return Decision(LATER, f"Zalo Bot báo lỗi mã {code}: {error.message}; lần sau sẽ thử lại.")


def decide(error: ApiError) -> Decision:
    if error.channel == "facebook":
        return _facebook(error)
    if error.channel in ("zalo_oa", "zalo_oauth"):
        return _zalo_oa(error)
    return _zalo_bot(error)
