<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head id="Head">
<!-- DotNetNuke - http://www.dotnetnuke.com -->
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<meta id="MetaDescription" name="DESCRIPTION" content="Hội đồng nhân dân tỉnh Sơn Lâm" />
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<meta id="MetaRobots" name="ROBOTS" content="INDEX, FOLLOW" />
<title>Chi tiết tin</title>
<link href="/Portals/_default/default.css?cdv=45" type="text/css" rel="stylesheet" />
<link href="/Portals/_default/Skins/HDND/skin.css?cdv=45" type="text/css" rel="stylesheet" />
</head>
<body id="Body">
<form method="post" action="/Chuyenmuctin/Chitiettin/tabid/92/title/1228/ctitle/5/Default.aspx" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgYCAQ8WAh4EVGV4dAUG8/STAQPsQyUubRIolguHqdlT4ez/BPnAESbEs9J79+oZF4Uvc4Z9j8NRedUcV28tbfU5Nvq3nQrNAtZB26yhwAL9fpHy7FFvQliDgBI4DnqsaiWLIaSpQnjfwXKgQ3CVjrrRHgO/vpYdTsKmKqvO0te/uo/qrS4gWtP9mXj/ckx4/Tq2CRrIrG6l6/0T6MRAqovTZ0QWfaN0lJRq9bGJtdo4C9GIWwMwoOIXFBIl6YKGqlUhSYn76U54O0G97w+D" />
</div>
<script src="/js/dnncore.js?cdv=45" type="text/javascript"></script>
<div id="skin_wrapper">
 <div id="skin_header">
  <div class="banner"><a href="/Trangchu/tabid/36/Default.aspx"><img src="/Portals/0/banner-hdnd.png" alt="Hội đồng nhân dân tỉnh Sơn Lâm" /></a></div>
  <div class="topbar">
   <span id="dnn_dnnCURRENTDATE_lblDate" class="DateTime">Thứ Bảy, 29/11/2026</span>
   <div id="dnn_dnnSEARCH_ClassicSearch"><input name="dnn$dnnSEARCH$txtSearch" type="text" maxlength="255" size="20" id="dnn_dnnSEARCH_txtSearch" class="NormalTextBox" /> <a id="dnn_dnnSEARCH_cmdSearch" class="SkinObject" href="javascript:__doPostBack('dnn$dnnSEARCH$cmdSearch','')">Tìm kiếm</a></div>
  </div>
  <div id="dnn_pnav" class="menu"><ul class="dnnmega">
   <li><a href="/Trangchu/tabid/36/Default.aspx">Trang chủ</a></li>
   <li><a href="/Chuyenmuctin/tabid/91/ctitle/5/Default.aspx">Tin hoạt động</a></li>
   <li><a href="/Login/tabid/40/Default.aspx?returnurl=%2f">Đăng nhập</a></li>
  </ul></div>
 </div>
 <div id="skin_breadcrumb"><span id="dnn_dnnBREADCRUMB_lblBreadCrumb"><a href="/Chuyenmuctin/tabid/91/ctitle/5/Default.aspx" class="Breadcrumb">Chuyên mục tin</a> › <span class="Breadcrumb">Chi tiết tin</span></span></div>
 <div id="skin_content">
  <div id="dnn_ContentPane" class="contentPane">
   <div class="DnnModule DnnModule-TinTucCMS DnnModule-412"><a name="412"></a>
    <div class="c_container c_head_grey">
     <div class="c_title"><h2 class="c_titleh2"><span id="dnn_ctr412_dnnTITLE_titleLabel" class="Head">Chi tiết tin</span></h2></div>
     <div id="dnn_ctr412_ContentPane" class="c_content">
      <div id="dnn_ctr412_ModuleContent" class="DNNModuleContent ModTinTucCMSC">
<div class="chitiettin">
<span id="dnn_ctr412_ChiTietTin_lblChuyenMuc" class="chuyenmuc">Tin hoạt động</span>
<h1 class="tieude"><span id="dnn_ctr412_ChiTietTin_lblTieuDe">Hội nghị tập huấn kỹ năng hoạt động cho đại biểu Hội đồng nhân dân</span></h1>
<div class="ngaydang">Ngày đăng: <span id="dnn_ctr412_ChiTietTin_lblNgayDang">15/04/2025 7:45:00 SA</span></div>
<div class="print-email"><a href="javascript:window.print()">In trang</a> | <a href="mailto:?subject=1228">Gửi email</a></div>
<div class="tomtat"><span id="dnn_ctr412_ChiTietTin_lblTomTat">Ngày 15/4, Thường trực Hội đồng nhân dân tỉnh tổ chức hội nghị tập huấn kỹ năng hoạt động cho gần 300 đại biểu Hội đồng nhân dân các cấp.</span></div>
<div class="noidung"><span id="dnn_ctr412_ChiTietTin_lblNoiDung">
<p style="text-align: justify;">Các đại biểu được báo cáo viên giới thiệu kỹ năng thẩm tra báo cáo, chất vấn tại kỳ họp, giám sát chuyên đề và tiếp xúc cử tri theo quy định mới.</p>
<p style="text-align: justify;">Hội nghị dành nhiều thời gian trao đổi kinh nghiệm thực tiễn giữa đại biểu các cấp, nhất là kinh nghiệm giám sát việc giải quyết kiến nghị của cử tri.</p>
<p style="text-align: justify;">Kết thúc hội nghị, các đại biểu đánh giá nội dung tập huấn thiết thực, giúp nâng cao chất lượng hoạt động trong thời gian còn lại của nhiệm kỳ.</p>
</span></div>
<div class="tacgia"><span id="dnn_ctr412_ChiTietTin_lblTacGia">Thu Trang</span></div>
<div class="tinlienquan"><h3>Các tin khác</h3><ul><li><a href="/Chuyenmuctin/Chitiettin/tabid/92/title/1215/ctitle/5/Default.aspx">Tiếp xúc cử tri trước kỳ họp thường lệ giữa năm 2025</a> <span class="ngay">(02/04/2025)</span></li><li><a href="/Chuyenmuctin/Chitiettin/tabid/92/title/1203/ctitle/5/Default.aspx">Thường trực Hội đồng nhân dân tỉnh giám sát công tác giải quyết đơn thư</a> <span class="ngay">(20/03/2025)</span></li><li><a href="/Chuyenmuctin/Chitiettin/tabid/92/title/1187/ctitle/5/Default.aspx">Kỳ họp thứ hai mươi mốt Hội đồng nhân dân tỉnh khóa XVIII</a> <span class="ngay">(12/03/2025)</span></li></ul></div>
</div>
      </div>
     </div>
    </div>
   </div>
  </div>
  <div id="dnn_RightPane" class="rightPane">
   <div class="DnnModule DnnModule-DNN_HTML DnnModule-377"><a name="377"></a>
    <div id="dnn_ctr377_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr377_HtmlModule_lblContent" class="Normal"><p><strong>Đường dây nóng:</strong> 0210 3 000 000</p></div></div>
   </div>
  </div>
 </div>
 <div id="skin_footer"><div class="footer">Cơ quan chủ quản: Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Sơn Lâm. <a id="dnn_dnnCOPYRIGHT_lblCopyright" class="footer">Bản quyền thuộc HĐND tỉnh Sơn Lâm</a></div></div>
</div>
<input name="ScrollTop" type="hidden" id="ScrollTop" />
<input name="__dnnVariable" type="hidden" id="__dnnVariable" value="`{`__scdoff`:`1`}" />
</form>
</body>
</html>
