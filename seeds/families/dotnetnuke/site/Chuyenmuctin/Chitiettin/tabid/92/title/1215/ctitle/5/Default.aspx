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
<form method="post" action="/Chuyenmuctin/Chitiettin/tabid/92/title/1215/ctitle/5/Default.aspx" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgYCAQ8WAh4EVGV4dAUGK+TMlb8moWGbGebHPxRJ9Vro29S1pn4MAcFhWJhjaK22iftiyG5zzd7OrH/PCoHFkb+RwrrXk8o/QPhC441sXQnd98+PlfRgLhjwc4xLp0q1pUHTdtc14XoPxaKf9N7rEKZGw6Qqfh0A1BD4ozWd5KpvfNBaib9H0SLsg+BJWiZeIWM/nFOT2+stOrnbTZZKyxp3ODyyQEC5vfVRaAnsYVjKnvXDxgZ/NwpLnv2y+lcRK6Wvenri+05E3qgpuCLB" />
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
<h1 class="tieude"><span id="dnn_ctr412_ChiTietTin_lblTieuDe">Tiếp xúc cử tri trước kỳ họp thường lệ giữa năm 2025</span></h1>
<div class="ngaydang">Ngày đăng: <span id="dnn_ctr412_ChiTietTin_lblNgayDang">02/04/2025 9:00:00 SA</span></div>
<div class="print-email"><a href="javascript:window.print()">In trang</a> | <a href="mailto:?subject=1215">Gửi email</a></div>
<div class="tomtat"><span id="dnn_ctr412_ChiTietTin_lblTomTat">Từ ngày 2 đến ngày 10/4, các tổ đại biểu Hội đồng nhân dân tỉnh tổ chức tiếp xúc cử tri tại 15 điểm trên địa bàn các huyện, thành phố.</span></div>
<div class="noidung"><span id="dnn_ctr412_ChiTietTin_lblNoiDung">
<p style="text-align: justify;">Cử tri phản ánh nhiều ý kiến về đầu tư sửa chữa đường giao thông nông thôn, nước sinh hoạt vùng cao và chế độ chính sách đối với cán bộ không chuyên trách cấp xã.</p>
<p style="text-align: justify;">Các ý kiến, kiến nghị đã được tổng hợp, gửi đến Ủy ban nhân dân tỉnh và các cơ quan có liên quan để xem xét, trả lời tại kỳ họp.</p>
</span></div>
<div class="tacgia"><span id="dnn_ctr412_ChiTietTin_lblTacGia"></span></div>
<div class="tinlienquan"><h3>Các tin khác</h3><ul><li><a href="/Chuyenmuctin/Chitiettin/tabid/92/title/1228/ctitle/5/Default.aspx">Hội nghị tập huấn kỹ năng hoạt động cho đại biểu Hội đồng nhân dân</a> <span class="ngay">(15/04/2025)</span></li><li><a href="/Chuyenmuctin/Chitiettin/tabid/92/title/1203/ctitle/5/Default.aspx">Thường trực Hội đồng nhân dân tỉnh giám sát công tác giải quyết đơn thư</a> <span class="ngay">(20/03/2025)</span></li><li><a href="/Chuyenmuctin/Chitiettin/tabid/92/title/1187/ctitle/5/Default.aspx">Kỳ họp thứ hai mươi mốt Hội đồng nhân dân tỉnh khóa XVIII</a> <span class="ngay">(12/03/2025)</span></li></ul></div>
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
