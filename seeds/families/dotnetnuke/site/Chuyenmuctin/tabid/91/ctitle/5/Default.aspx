<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head id="Head">
<!-- DotNetNuke - http://www.dotnetnuke.com -->
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<meta id="MetaDescription" name="DESCRIPTION" content="Hội đồng nhân dân tỉnh Sơn Lâm" />
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<meta id="MetaRobots" name="ROBOTS" content="INDEX, FOLLOW" />
<title>Tin hoạt động</title>
<link href="/Portals/_default/default.css?cdv=45" type="text/css" rel="stylesheet" />
<link href="/Portals/_default/Skins/HDND/skin.css?cdv=45" type="text/css" rel="stylesheet" />
</head>
<body id="Body">
<form method="post" action="/Chuyenmuctin/tabid/91/ctitle/5/Default.aspx" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgYCAQ8WAh4EVGV4dAUGFIszRFS5CaVwzwZxzav9z059UgTaCK3Ob4akBop7wAs3ZK+TVSrtEMvRbEQTG3CdKuGligp/p6Yu8GKNorQrKEaozoMv21fQ/OvF8OwxOd3F6I5BCvzrE4m7PlxVx8oFEIepN2xBYfUnoofqTx/yxSu+nHXpMdIfvdmrcIj1VZhXFcTjDz3CvEMu/M6aOMpPCp9McHBcuTn75+wZQ0R2M28pGjM5cuaDNuic1INnvkttSQl2dPlCTFfdcR/zrHed" />
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
 <div id="skin_breadcrumb"><span id="dnn_dnnBREADCRUMB_lblBreadCrumb"><a href="/Chuyenmuctin/tabid/91/ctitle/5/Default.aspx" class="Breadcrumb">Chuyên mục tin</a> › <span class="Breadcrumb">Tin hoạt động</span></span></div>
 <div id="skin_content">
  <div id="dnn_ContentPane" class="contentPane">
   <div class="DnnModule DnnModule-TinTucCMS DnnModule-405"><a name="405"></a>
    <div class="c_container c_head_grey">
     <div class="c_title"><h2 class="c_titleh2"><span id="dnn_ctr405_dnnTITLE_titleLabel" class="Head">Tin hoạt động</span></h2></div>
     <div id="dnn_ctr405_ContentPane" class="c_content">
      <div id="dnn_ctr405_ModuleContent" class="DNNModuleContent ModTinTucCMSC">
<div class="danhsachtin">
<div class="tin-item">
<a class="tieude" href="/Chuyenmuctin/Chitiettin/tabid/92/title/1228/ctitle/5/Default.aspx">Hội nghị tập huấn kỹ năng hoạt động cho đại biểu Hội đồng nhân dân</a> <span class="ngay">(15/04/2025)</span>
<div class="tomtat">Ngày 15/4, Thường trực Hội đồng nhân dân tỉnh tổ chức hội nghị tập huấn kỹ năng hoạt động cho gần 300 đại biểu Hội đồng nhân dân các cấp....</div>
</div>
<div class="tin-item">
<a class="tieude" href="/Chuyenmuctin/Chitiettin/tabid/92/title/1215/ctitle/5/Default.aspx">Tiếp xúc cử tri trước kỳ họp thường lệ giữa năm 2025</a> <span class="ngay">(02/04/2025)</span>
<div class="tomtat">Từ ngày 2 đến ngày 10/4, các tổ đại biểu Hội đồng nhân dân tỉnh tổ chức tiếp xúc cử tri tại 15 điểm trên địa bàn các huyện, thành phố....</div>
</div>
<div class="tin-item">
<a class="tieude" href="/Chuyenmuctin/Chitiettin/tabid/92/title/1203/ctitle/5/Default.aspx">Thường trực Hội đồng nhân dân tỉnh giám sát công tác giải quyết đơn thư</a> <span class="ngay">(20/03/2025)</span>
<div class="tomtat">Chiều 20/3, Đoàn giám sát của Thường trực Hội đồng nhân dân tỉnh làm việc với Thanh tra tỉnh về công tác tiếp công dân, giải quyết khiếu nại, tố cáo n...</div>
</div>
</div>
<table class="PagingTable"><tr><td><span class="pagingtext">Trang:</span> <span class="current">1</span> <a class="CommandButton" href="/Chuyenmuctin/tabid/91/ctitle/5/currentpage/2/Default.aspx">2</a> <a class="CommandButton" href="/Chuyenmuctin/tabid/91/ctitle/5/currentpage/2/Default.aspx">Sau »</a></td></tr></table>
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
